"""`pearls practices import|export|search`: the open-data contract, end to end."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pearls.catalogue.models import Practice
from pearls.catalogue.services import practice_save
from pearls.core.models import AuditEntry
from tests.factories import RecordFactory

pytestmark = pytest.mark.django_db


def write_jsonl(path, records, *, raw_lines=()):
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    path.write_text("\n".join([*lines, *raw_lines]) + "\n", encoding="utf-8")
    return path


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("practices", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def export():
    return run("export")[0]


def test_import_creates_then_updates_by_id_and_is_idempotent(tmp_path):
    first = RecordFactory(id="pl-a")
    path = write_jsonl(tmp_path / "a.jsonl", [first, RecordFactory(id="pl-b")])
    assert "2 created, 0 updated, 0 unchanged" in run("import", str(path))[0]
    assert "0 created, 0 updated, 2 unchanged" in run("import", str(path))[0]
    write_jsonl(path, [{**first, "place": "Pelplin"}])
    assert "0 created, 1 updated, 0 unchanged" in run("import", str(path))[0]
    assert Practice.objects.get(slug="pl-a").place == "Pelplin"
    assert Practice.objects.count() == 2
    assert AuditEntry.objects.filter(action="catalogue.practices_import").count() == 3


def test_an_invalid_record_lists_every_error_and_writes_nothing(tmp_path):
    good = RecordFactory(id="ok-record")
    bad = {**RecordFactory(id="bad-record"), "challenges": ["nope"], "title": {"en": "x" * 300}}
    path = write_jsonl(tmp_path / "in.jsonl", [good, bad, good], raw_lines=["{not json"])
    with pytest.raises(CommandError, match=r"3 of 4 records are invalid"):
        run("import", str(path))
    assert Practice.objects.count() == 0
    # The errors name the line and the field path.
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("practices", "import", str(path), stdout=StringIO(), stderr=err)
    report = err.getvalue()
    assert "line 2, challenges/0: unknown code 'nope'" in report
    assert "line 2, title/en: text is too long: 300 characters, at most 200 allowed" in report
    assert "line 3, id: duplicate id 'ok-record', already used on line 1" in report
    assert "line 4: malformed JSON" in report


def test_skip_invalid_imports_the_valid_records_and_reports_the_rest(tmp_path):
    path = write_jsonl(
        tmp_path / "in.jsonl",
        [RecordFactory(id="ok-1"), {**RecordFactory(id="bad-1"), "country": "pl"}],
    )
    out, err = run("import", "--skip-invalid", str(path))
    assert "1 created" in out and "1 invalid skipped" in out
    assert "line 2, country" in err
    assert list(Practice.objects.values_list("slug", flat=True)) == ["ok-1"]


def test_dry_run_writes_nothing(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [RecordFactory()])
    assert "Dry run" in run("import", "--dry-run", str(path))[0]
    assert Practice.objects.count() == 0


def test_missing_file_is_a_clear_error():
    with pytest.raises(CommandError, match="No such file"):
        run("import", "/nonexistent/file.jsonl")


def test_export_is_canonical_and_round_trips_byte_identical(tmp_path, django_db_blocker):
    records = [
        RecordFactory(id="b-second", challenges=["youth", "ageing"]),
        # Keys in another order than the schema's, languages in another order.
        dict(
            reversed(
                list(
                    RecordFactory(
                        id="a-first",
                        title={"pl": "Tytuł", "en": "Title"},
                        original_language="pl",
                        summary={"pl": "Streszczenie", "en": "Summary"},
                    ).items()
                )
            )
        ),
    ]
    path = write_jsonl(tmp_path / "in.jsonl", records)
    run("import", str(path))
    exported = export()
    lines = exported.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a-first", "b-second"]
    first = json.loads(lines[0])
    assert list(first) == [key for key in RecordFactory() if key in first]  # schema order
    assert list(first["title"]) == ["en", "pl"]
    assert json.loads(lines[1])["challenges"] == ["ageing", "youth"]  # vocabulary order

    (tmp_path / "exported.jsonl").write_text(exported, encoding="utf-8")
    Practice.objects.all().delete()
    run("import", str(tmp_path / "exported.jsonl"))
    assert export() == exported


def test_an_edit_shows_in_the_export(tmp_path):
    run("import", str(write_jsonl(tmp_path / "in.jsonl", [RecordFactory(id="pl-x")])))
    practice = Practice.objects.get(slug="pl-x")
    practice.title = {**practice.title, "de": "Lesekreis"}
    practice_save(practice=practice)
    assert json.loads(export())["title"]["de"] == "Lesekreis"


def test_export_leaves_out_unpublished_practices(tmp_path):
    run(
        "import",
        str(write_jsonl(tmp_path / "in.jsonl", [RecordFactory(id="p1"), RecordFactory(id="p2")])),
    )
    Practice.objects.filter(slug="p2").update(status=Practice.Status.DRAFT)
    assert [json.loads(line)["id"] for line in export().splitlines()] == ["p1"]


def test_csv_export_has_a_header_and_a_row_per_practice(tmp_path):
    run("import", str(write_jsonl(tmp_path / "in.jsonl", [RecordFactory(id="p1")])))
    out = tmp_path / "out.csv"
    run("export", "--format", "csv", "--output", str(out))
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("id,original_language,country,place")
    assert rows[1].startswith("p1,en,PL,Gniew")


def test_search_json_and_batch_contract(tmp_path):
    run(
        "import",
        str(
            write_jsonl(
                tmp_path / "in.jsonl",
                [
                    RecordFactory(id="pl-lodz", title={"en": "Choir of Łódź"}, place="Łódź"),
                    RecordFactory(id="pl-gniew", title={"en": "Library garden"}),
                ],
            )
        ),
    )
    out, _err = run("search", "lodz", "--json", "--lang", "pl")
    result = json.loads(out)
    assert result["results"] == ["pl-lodz"] and result["took_ms"] >= 0
    batch = tmp_path / "queries.jsonl"
    batch.write_text(
        '{"id": "q1", "text": "łódź choir", "lang": "pl"}\n{"id": "q2", "text": "garden", "lang": "en"}\n',
        encoding="utf-8",
    )
    out, _err = run("search", "--batch", str(batch))
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(line["query_id"], line["results"]) for line in lines] == [
        ("q1", ["pl-lodz"]),
        ("q2", ["pl-gniew"]),
    ]
    assert all(isinstance(line["took_ms"], float) for line in lines)


def test_search_limit_defaults_to_twenty(tmp_path):
    run(
        "import",
        str(
            write_jsonl(
                tmp_path / "in.jsonl",
                [RecordFactory(title={"en": f"Reading circle {n}"}) for n in range(25)],
            )
        ),
    )
    assert len(json.loads(run("search", "reading", "--json")[0])["results"]) == 20
    assert len(json.loads(run("search", "reading", "--json", "--limit", "3")[0])["results"]) == 3
