import pytest

from pearls.toolkit import scoring
from pearls.toolkit.statements import CODES, STATEMENTS


def answers(**per_dimension):
    """Every statement answered with its dimension's value (default 3)."""
    return {
        code: per_dimension.get(dimension, 3)
        for dimension, items in STATEMENTS.items()
        for code, _text in items
    }


def test_forty_statements_four_to_six_per_dimension():
    assert len(STATEMENTS) == 8
    assert all(4 <= len(items) <= 6 for items in STATEMENTS.values())
    assert len(set(CODES)) == len(CODES) == 40


def test_each_respondent_counts_once_per_dimension():
    one = answers(trust=5)
    other = answers(trust=1)
    other["trust-1"] = None  # don't know: not a score
    result = scoring.results([one, other])
    trust = next(d for d in result.dimensions if d.code == "trust")
    assert trust.score == 3.0  # (5 + 1) / 2, not weighted by the number of answers
    assert trust.spread == 2.0
    assert (trust.low, trust.high) == (1.0, 5.0)
    assert trust.dont_know == 1
    assert result.respondents == 2


def test_dimension_with_only_dont_know_has_no_score():
    only = answers()
    for code, _text in STATEMENTS["preparedness"]:
        only[code] = None
    result = scoring.results([only])
    assert result.score_of("preparedness") is None
    assert result.score_of("trust") == 3.0
    kinds = [kind for kind, _sentence in scoring.findings(result)]
    assert "unknown" in kinds


def test_findings_name_strengths_gaps_and_disagreement():
    result = scoring.results(
        [answers(trust=5, inclusion=1), answers(trust=4, inclusion=2, wellbeing=5)]
    )
    found = scoring.findings(result)
    sentences = " ".join(sentence for _kind, sentence in found)
    assert ("strength", "A strength: Trust and social capital (4.5 of 5).") in found
    assert ("gap", "A gap to work on: Inclusion and equal access (1.5 of 5).") in found
    assert "Respondents disagree about Health and wellbeing" in sentences
    assert "Respondents disagree about Trust" not in sentences


def test_no_clear_strength_still_names_the_extremes():
    found = scoring.findings(scoring.results([answers()]))
    assert [kind for kind, _s in found] == ["strength", "gap"]


def test_changes_between_rounds():
    before = scoring.results([answers(trust=2, inclusion=4)])
    after = scoring.results([answers(trust=3, inclusion=4, belonging=3)])
    words = {d.code: (difference, word) for d, difference, word in scoring.changes(after, before)}
    assert words["trust"] == (1.0, "better")
    assert words["inclusion"] == (0.0, "same")


@pytest.mark.parametrize(("towns", "shown"), [(4, False), (5, True)])
def test_peers_only_from_five_towns(towns, shown):
    peers = [scoring.results([answers(trust=value)]) for value in range(1, towns + 1)]
    medians = scoring.peer_medians(peers)
    assert (medians is not None) is shown
    if shown:
        assert medians["trust"] == 3.0


def test_out_of_range_values_are_ignored_by_scoring():
    broken = answers()
    broken["trust-1"] = 9
    assert scoring.respondent_means(broken)["trust"] == 3.0
