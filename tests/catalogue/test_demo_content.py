"""The demo catalogue meets the promises made for it (issue 2, "Demo content").

Runs without Django too: ``python tests/catalogue/test_demo_content.py`` prints every problem,
so authors of demo records can check their files while writing them.
"""

import json
import re
from collections import Counter
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "src" / "pearls" / "catalogue" / "schema"
DEMO_DIR = ROOT / "src" / "pearls" / "catalogue" / "demo_data"
ELIGIBLE = {"DK", "EE", "FI", "LV", "LT", "PL", "SE", "DE"}
LOCAL_LANGUAGES = {
    "PL": {"pl"},
    "DE": {"de"},
    "DK": {"da"},
    "SE": {"sv"},
    "FI": {"fi", "sv"},
    "EE": {"et"},
    "LV": {"lv"},
    "LT": {"lt"},
    "NO": {"nb"},
}
VOCABULARIES = {
    "challenges": "challenges",
    "dimensions": "dimensions",
    "domains": "domains",
    "target_groups": "target_groups",
}
WORD = re.compile(r"\w+", re.UNICODE)


def load_records():
    records = []
    for path in sorted(DEMO_DIR.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                records.append((f"{path.name}:{number}", json.loads(line)))
    return records


def demo_problems():
    """Every way in which the demo files fall short, as readable lines."""
    schema = json.loads((SCHEMA_DIR / "practice.schema.json").read_text(encoding="utf-8"))
    vocabulary = json.loads((SCHEMA_DIR / "vocabulary.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    records = load_records()
    problems = []
    if len(records) < 80:
        problems.append(f"only {len(records)} demo practices; at least 80 are promised")
    ids = Counter(record.get("id") for _, record in records)
    problems += [f"duplicate id {key}" for key, count in ids.items() if count > 1]
    titles = Counter(record.get("title", {}).get("en") for _, record in records)
    problems += [f"duplicate English title {key!r}" for key, count in titles.items() if count > 1]
    usage = Counter()
    local_first = 0
    countries = set()
    for where, record in records:
        for error in validator.iter_errors(record):
            path = "/".join(str(part) for part in error.absolute_path)
            problems.append(f"{where} {record.get('id')}: {path}: {error.message}")
        if record.get("source") != "demo (fictional)":
            problems.append(f"{where}: source must be 'demo (fictional)'")
        for field in ("title", "summary", "description", "results", "lessons"):
            if "en" not in record.get(field, {}):
                problems.append(f"{where}: {field} has no English version")
        for lang, text in record.get("description", {}).items():
            if len(WORD.findall(text)) < 120:
                problems.append(f"{where}: description[{lang}] has fewer than 120 words")
        original = record.get("original_language")
        for field in ("title", "summary", "description", "results", "lessons"):
            if original not in record.get(field, {}):
                problems.append(f"{where}: {field} lacks the original language {original}")
        country = record.get("country")
        countries.add(country)
        if original != "en":
            local_first += 1
            if original not in LOCAL_LANGUAGES.get(country, set()):
                problems.append(f"{where}: original language {original} is not local to {country}")
        for field, vocab in VOCABULARIES.items():
            usage.update((vocab, code) for code in record.get(field, []))
        for organisation in record.get("organisations", []):
            usage[("organisation_types", organisation.get("type"))] += 1
            usage[("organisation_roles", organisation.get("role"))] += 1
        usage[("languages", original)] += 1
        for lang in record.get("title", {}):
            usage[("languages", lang)] += 1
    missing_countries = ELIGIBLE - countries
    if missing_countries:
        problems.append(f"no practices from {sorted(missing_countries)}")
    if records and not 0.4 <= local_first / len(records) <= 0.65:
        problems.append(
            f"{local_first} of {len(records)} first written locally; about half promised"
        )
    for vocab in (*VOCABULARIES.values(), "organisation_types", "organisation_roles"):
        for code in vocabulary[vocab]:
            if usage[(vocab, code)] < 2:
                problems.append(f"{vocab} code {code} used {usage[(vocab, code)]} times; 2 needed")
    for code in vocabulary["languages"]:
        if usage[("languages", code)] < 2:
            problems.append(f"language {code} used {usage[('languages', code)]} times; 2 needed")
    return problems


def test_demo_content_meets_its_promises():
    assert demo_problems() == []


if __name__ == "__main__":
    found = demo_problems()
    print("\n".join(found) or "demo content OK")
    print(f"{len(load_records())} records")
