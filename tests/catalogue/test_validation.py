import pytest

from pearls.catalogue.validation import record_errors
from tests.factories import RecordFactory


def test_a_valid_record_has_no_errors():
    assert record_errors(RecordFactory()) == []


@pytest.mark.parametrize(
    ("change", "path", "fragment"),
    [
        ({"challenges": ["nonsense"]}, "challenges/0", "unknown code 'nonsense'"),
        ({"title": {"xx": "Hello"}}, "title", "unknown language 'xx'"),
        ({"title": {"en": "x" * 201}}, "title/en", "too long: 201 characters, at most 200"),
        ({"summary": {"en": "x" * 1001}}, "summary/en", "at most 1000"),
        ({"links": [{"url": "not a link"}]}, "links/0/url", "not a valid uri"),
        ({"updated": "2026-02-30"}, "updated", "not a valid date"),
        ({"id": "Bad Id!"}, "id", "does not match"),
        ({"population": -1}, "population", "-1 is less than the minimum"),
        ({"surprise": 1}, "", "unknown field"),
        ({"location": {"lat": 91, "lon": 0}}, "location/lat", "greater than the maximum"),
    ],
)
def test_each_kind_of_problem_is_reported_with_its_field_path(change, path, fragment):
    errors = record_errors({**RecordFactory(), **change})
    assert [(error.path, fragment in error.message) for error in errors] == [(path, True)]


def test_a_missing_required_field_is_named():
    record = RecordFactory()
    del record["place"]
    assert [str(error) for error in record_errors(record)] == ["required field place is missing"]


def test_a_non_object_is_an_error():
    assert [str(e) for e in record_errors([1, 2])] == ["a record must be a JSON object"]
