import json

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from pearls.catalogue.models import Practice
from pearls.catalogue.vocabulary import practice_schema
from tests.factories import RecordFactory, make_practices

pytestmark = pytest.mark.django_db


@pytest.fixture
def practices():
    return make_practices(
        RecordFactory(id="pl-one", title={"en": "Choir of Gniew"}, challenges=["ageing"]),
        RecordFactory(id="lv-two", title={"en": "Open-air stage"}, country="LV", place="Smiltene"),
    )


def test_list_filters_searches_and_paginates_like_the_page(client, practices):
    body = client.get("/api/v1/practices?country=LV").json()
    assert body["count"] == 1 and [r["id"] for r in body["results"]] == ["lv-two"]
    body = client.get("/api/v1/practices?q=choir").json()
    assert [r["id"] for r in body["results"]] == ["pl-one"]
    assert client.get("/api/v1/practices").json()["next"] is None


@pytest.mark.parametrize(
    "query", ["page=abc", "page=0", "page=99", "challenge=nonsense", "size=huge", "sort=random"]
)
def test_invalid_parameters_answer_400_with_json(client, practices, query):
    response = client.get(f"/api/v1/practices?{query}")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_detail_is_a_valid_interchange_record(client, practices):
    record = client.get("/api/v1/practices/pl-one").json()
    validator = Draft202012Validator(practice_schema(), format_checker=FormatChecker())
    assert list(validator.iter_errors(record)) == []
    assert client.get("/api/v1/practices/nope").status_code == 404


def test_unpublished_practices_are_not_in_the_api(client, practices):
    Practice.objects.filter(slug="pl-one").update(status=Practice.Status.SUBMITTED)
    assert client.get("/api/v1/practices/pl-one").status_code == 404
    assert client.get("/api/v1/practices").json()["count"] == 1
    assert b"pl-one" not in b"".join(client.get("/api/v1/dataset.jsonl").streaming_content)


def test_vocabulary_labels_in_the_requested_language(client):
    body = client.get("/api/v1/vocabulary?lang=en").json()
    assert body["challenges"]["ageing"] == "Ageing population"
    assert body["dimensions"]["wellbeing"] == "Health and wellbeing"
    assert body["programme_countries"]["LV"] == "Latvia"


def test_bulk_downloads(client, practices):
    lines = b"".join(client.get("/api/v1/dataset.jsonl").streaming_content).decode().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["lv-two", "pl-one"]
    csv = b"".join(client.get("/api/v1/dataset.csv").streaming_content).decode()
    assert csv.splitlines()[0].startswith("id,") and len(csv.splitlines()) == 3


def test_openapi_document_and_docs(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/practices" in spec["paths"]
    assert client.get("/api/v1/docs").status_code == 200
