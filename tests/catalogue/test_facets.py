"""Facet counts agree with the results a click on that option would give.

Facets without a selection are counted together (one query), so this checks the grouping
against the definition: an option's count is the number of practices found when that option
replaces its facet's own selection and every other filter stays.
"""

from pathlib import Path

import pytest

from pearls.catalogue import selectors, services
from pearls.catalogue.importing import parse_jsonl

DEMO_DIR = Path(__file__).resolve().parents[2] / "src" / "pearls" / "catalogue" / "demo_data"
EMPTY = {
    name: [] for name in ("country", "challenge", "dimension", "domain", "group", "size", "period")
}


@pytest.fixture
def demo(db):
    for path in sorted(DEMO_DIR.glob("*.jsonl")):
        parsed = parse_jsonl(path.read_text(encoding="utf-8").splitlines())
        assert not parsed.errors
        services.practices_import(records=[record for _line, record in parsed.records])


@pytest.mark.parametrize(
    ("query", "selected"),
    [
        ("", {}),
        ("", {"country": ["PL", "LT"]}),
        ("", {"challenge": ["ageing"], "size": ["lt5k", "5k-20k"]}),
        ("choir", {"domain": ["music"], "country": ["PL"], "period": ["2020s"]}),
        ("library", {"group": ["seniors"], "dimension": ["participation"]}),
    ],
)
def test_each_option_count_is_the_result_count_of_choosing_it(demo, query, selected):
    filters = {**EMPTY, **selected}
    results = selectors.practices_search(query=query, filters=filters, language="en")
    checked = 0
    for facet in results.facets:
        for option in facet.options:
            alone = {**filters, facet.name: [option.value]}
            expected = selectors.practices_search(
                query=query, filters=alone, language="en", facets=False
            ).matching.count()
            assert option.count == expected, (facet.name, option.value)
            checked += 1
    assert checked >= 5
