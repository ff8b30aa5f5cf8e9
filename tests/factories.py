"""Factories for tests: valid interchange records and the practices imported from them."""

import factory

from pearls.catalogue import services
from pearls.catalogue.models import Practice


class RecordFactory(factory.DictFactory):
    """A valid interchange record (schema/practice.schema.json)."""

    id = factory.Sequence(lambda n: f"test-practice-{n:04d}")
    title = factory.Sequence(lambda n: {"en": f"Reading circle number {n}"})
    summary = factory.LazyAttribute(lambda o: {"en": f"Summary of {o.title['en']}."})
    description = factory.LazyAttribute(
        lambda o: {"en": f"A long description of {o.title['en']} with neighbours and books."}
    )
    original_language = "en"
    country = "PL"
    place = "Gniew"
    region = "PL634"
    population = 6700
    location = factory.Dict({"lat": 53.8369, "lon": 18.8236})
    period = factory.Dict({"start": 2021, "end": 2023})
    challenges = factory.List(["isolation"])
    dimensions = factory.List(["belonging"])
    domains = factory.List(["libraries"])
    target_groups = factory.List(["seniors"])
    organisations = factory.List(
        [
            factory.Dict(
                {"name": "Gniew Public Library", "type": "cultural_institution", "role": "lead"}
            )
        ]
    )
    license = "CC-BY-4.0"
    source = "test"
    updated = "2026-01-15"


def make_practices(*records):
    """Import records through the real service and return the practices, in order.

    A key given as None is left out of the record (``location=None``: no coordinates).
    """
    records = [
        {key: value for key, value in record.items() if value is not None} for record in records
    ]
    services.practices_import(records=records)
    return [Practice.objects.get(slug=record["id"]) for record in records]


def make_practice(**overrides):
    return make_practices(RecordFactory(**overrides))[0]
