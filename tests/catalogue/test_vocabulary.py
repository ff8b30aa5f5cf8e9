from django.utils import translation

from pearls.catalogue import vocabulary
from pearls.catalogue.vocabulary_labels import LABELS


def test_labels_module_matches_the_schema_vocabulary_code_for_code():
    expected = {
        (name, code): label
        for name in (*vocabulary.CODE_FIELDS, "organisation_types", "organisation_roles")
        for code, label in vocabulary.vocabulary()[name].items()
    }
    with translation.override("en"):
        assert {key: str(value) for key, value in LABELS.items()} == expected


def test_a_code_in_two_vocabularies_keeps_two_labels():
    with translation.override("en"):
        assert str(vocabulary.label("challenges", "wellbeing")) == "Mental health and wellbeing"
        assert str(vocabulary.label("dimensions", "wellbeing")) == "Health and wellbeing"


def test_the_schema_files_are_the_shared_ones_unchanged():
    schema = vocabulary.practice_schema()
    assert schema["$id"] == "practice.schema.json"
    assert vocabulary.codes("domains")[0] == "tangible_heritage"
