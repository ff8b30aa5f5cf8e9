import pytest
from django.utils import translation

from pearls.competition.awards import Candidate, Rule, award_proposal, what_if

# A ranking with two Polish plans at the top; "Vistula" is a joint application whose lead
# partner is in Poland, so the caller passes PL for it.
GDANSK = Candidate("gd", "Gdańsk", "PL", 9.0)
VISTULA = Candidate("vi", "Vistula towns (joint)", "PL", 8.5)
KAUNAS = Candidate("ka", "Kaunas", "LT", 8.0)
CESIS = Candidate("ce", "Cēsis", "LV", 7.0)
TARTU = Candidate("ta", "Tartu", "EE", 6.9)
LUND = Candidate("lu", "Lund", "SE", 6.8)
FIELD = [LUND, CESIS, VISTULA, TARTU, KAUNAS, GDANSK]


def ids(candidates):
    return [c.id for c in candidates]


def kinds(proposal, candidate_id):
    return [r.kind for r in proposal.reasons if candidate_id in r.candidate_ids]


def test_country_limit_counts_a_joint_application_for_its_lead():
    proposal = award_proposal(FIELD, Rule(titles=3, max_per_country=1))

    assert ids(proposal.awarded) == ["gd", "ka", "ce"]
    [skip] = proposal.skipped_for_country
    assert (skip.candidate, skip.country, skip.count) == (VISTULA, "PL", 1)
    assert "Vistula towns (joint) is passed over: Poland already has 1 title." in [
        r.text for r in proposal.reasons
    ]
    assert kinds(proposal, "ta") == ["below_cut"]
    assert proposal.extra_candidates == ()


def test_without_a_country_limit_the_ranking_decides():
    proposal = award_proposal(FIELD, Rule(titles=3, max_per_country=None))
    assert ids(proposal.awarded) == ["gd", "vi", "ka"]
    assert proposal.skipped_for_country == ()


def test_a_higher_limit_allows_two_per_country():
    crowd = [*FIELD, Candidate("po", "Poznań", "PL", 8.8)]
    proposal = award_proposal(crowd, Rule(titles=4, max_per_country=2))
    assert ids(proposal.awarded) == ["gd", "po", "ka", "ce"]
    assert [(s.candidate.id, s.count) for s in proposal.skipped_for_country] == [("vi", 2)]
    assert "Vistula towns (joint) is passed over: Poland already has 2 titles." in [
        r.text for r in proposal.reasons
    ]


def test_close_calls_pair_awarded_with_candidates_who_could_take_their_place():
    proposal = award_proposal(FIELD, Rule(titles=3, max_per_country=1, tie_threshold=0.2))

    # Cēsis (7.0) against Tartu (6.9) and Lund (6.8 → 0.2 is not closer than 0.2). Vistula is
    # 0.5 behind Gdańsk: the only swap the country rule allows, but not close.
    [call] = proposal.close_calls
    assert (call.a, call.b, call.tie) == (CESIS, TARTU, False)
    assert call.gap == pytest.approx(0.1)
    assert not proposal.tie_at_cut
    assert kinds(proposal, "ta") == ["below_cut", "close_call"]
    text = next(r.text for r in proposal.reasons if r.kind == "close_call")
    assert text == (
        "Cēsis (7.00) is only 0.10 ahead of Tartu (6.90), closer than the tie threshold of 0.20."
    )


def test_a_candidate_of_a_full_country_is_a_close_call_only_against_its_compatriot():
    vistula = Candidate("vi", "Vistula towns (joint)", "PL", 7.95)
    riga = Candidate("ri", "Riga", "LV", 7.95)
    proposal = award_proposal(
        [GDANSK, KAUNAS, vistula, riga], Rule(titles=2, max_per_country=1, tie_threshold=0.1)
    )
    assert ids(proposal.awarded) == ["gd", "ka"]
    # Vistula is 0.05 behind Kaunas but could only replace Gdańsk (Poland is full); Riga can
    # replace Kaunas.
    assert [(c.a.id, c.b.id) for c in proposal.close_calls] == [("ka", "ri")]


def test_exact_tie_at_the_cut_is_flagged_and_ordered_by_name_for_display():
    zeta = Candidate(1, "Zeta", "DK", 8.0)
    beta = Candidate(2, "Beta", "FI", 7.0)
    alpha = Candidate(3, "Alpha", "DE", 7.0)
    proposal = award_proposal([beta, zeta, alpha], Rule(titles=2))

    assert ids(proposal.awarded) == [1, 3]
    [call] = proposal.close_calls
    assert (call.a, call.b, call.gap, call.tie) == (alpha, beta, 0.0, True)
    assert proposal.tie_at_cut
    tie = next(r for r in proposal.reasons if r.kind == "tie")
    assert tie.candidate_ids == (3, 2)
    assert tie.text == (
        "Alpha and Beta have exactly the same score (7.00): the jury must decide between them. "
        "They are listed by name only for display."
    )


def test_a_tie_inside_the_titles_is_not_a_close_call():
    proposal = award_proposal(
        [Candidate(1, "A", "DK", 8.0), Candidate(2, "B", "FI", 8.0), Candidate(3, "C", "SE", 5)],
        Rule(titles=2, tie_threshold=0.5),
    )
    assert proposal.close_calls == ()
    assert not proposal.tie_at_cut


def test_extra_title_ignoring_the_country_rule():
    rule = Rule(titles=3, max_per_country=1, extra_title=True, extra_title_country_rule=False)
    proposal = award_proposal(FIELD, rule)

    assert ids(proposal.awarded) == ["gd", "ka", "ce"]
    assert ids(proposal.extra_candidates) == ["vi"]
    assert kinds(proposal, "vi") == ["country_limit", "extra_candidate"]


def test_extra_title_with_the_country_rule_offers_everyone_within_the_threshold():
    rule = Rule(
        titles=3,
        max_per_country=1,
        extra_title=True,
        extra_title_country_rule=True,
        tie_threshold=0.15,
    )
    proposal = award_proposal(FIELD, rule)

    # Vistula is out (Poland is full); Tartu is next, Lund 0.1 behind it.
    assert ids(proposal.extra_candidates) == ["ta", "lu"]
    text = next(r.text for r in proposal.reasons if r.kind == "extra_candidate")
    assert text == (
        "Tartu (6.90) is a candidate for the optional extra title; "
        "the jury decides whether to award it."
    )


def test_extra_title_is_never_decided_and_includes_exact_ties():
    field = [Candidate(1, "A", "DK", 9), Candidate(2, "B", "FI", 6), Candidate(3, "C", "SE", 6)]
    proposal = award_proposal(field, Rule(titles=1, extra_title=True))
    assert ids(proposal.awarded) == [1]
    assert ids(proposal.extra_candidates) == [2, 3]


def test_fewer_candidates_than_titles():
    proposal = award_proposal([GDANSK, VISTULA], Rule(titles=3, max_per_country=1))
    assert ids(proposal.awarded) == ["gd"]
    unfilled = next(r.text for r in proposal.reasons if r.kind == "unfilled")
    assert unfilled == "Only 1 title can be proposed: no other candidate fits the rule."


def test_awarded_reason_and_scores_in_the_reader_s_language():
    proposal = award_proposal([GDANSK], Rule(titles=1))
    assert [r.text for r in proposal.reasons] == [
        "Gdańsk is proposed for title 1 of 1 with a score of 9.00."
    ]
    with translation.override("pl"):
        proposal = award_proposal([GDANSK], Rule(titles=1))
    assert "9,00" in proposal.reasons[0].text


@pytest.mark.parametrize(
    "kwargs",
    [{"titles": 0}, {"titles": 1, "max_per_country": 0}, {"titles": 1, "tie_threshold": -1}],
)
def test_rule_refuses_impossible_settings(kwargs):
    with pytest.raises(ValueError):
        Rule(**kwargs)


def test_duplicate_candidates_are_refused():
    with pytest.raises(ValueError, match="only once"):
        award_proposal([GDANSK, GDANSK], Rule(titles=1))


# what_if: one criterion, three jurors, one title. j1 strongly prefers x; j2 and j3 mildly
# prefer y. Raw: x = (9 + 6 + 7) / 3 = 7.33, y = (5 + 8 + 8) / 3 = 7.0, so x wins.
ONE = [{"code": "q", "weight": 1, "scale_min": 1, "scale_max": 10}]
SCORES = {
    ("j1", "x", "q"): 9,
    ("j1", "y", "q"): 5,
    ("j1", "w", "q"): 1,  # w: scored by j1 only
    ("j2", "x", "q"): 6,
    ("j2", "y", "q"): 8,
    ("j3", "x", "q"): 7,
    ("j3", "y", "q"): 8,
}
META = [
    {"id": "x", "name": "Ex", "country": "PL"},
    Candidate("y", "Why", "LT", 0.0),  # its own score is ignored
    {"id": "w", "name": "Double-u", "country": "LV"},
]


def test_what_if_shows_when_leaving_one_juror_out_changes_the_outcome():
    scenarios = {s.key: s for s in what_if(SCORES, ONE, META, Rule(titles=1))}

    assert list(scenarios) == ["raw", "normalised", "without:j1", "without:j2", "without:j3"]
    raw = scenarios["raw"]
    assert (raw.awarded_ids, raw.differs, raw.label) == (("x",), False, "Raw means")
    assert raw.proposal.ranking[0].score == pytest.approx(22 / 3)

    # Without j1: x = 6.5, y = 8 → y; w is left unscored.
    without_j1 = scenarios["without:j1"]
    assert without_j1.awarded_ids == ("y",)
    assert (without_j1.differs, without_j1.gained, without_j1.lost) == (True, ("y",), ("x",))
    assert without_j1.unscored == ("w",)
    assert without_j1.label == "Without juror j1"
    assert without_j1.juror == "j1"
    # Without j2: x = 8, y = 6.5; without j3: x = 7.5, y = 6.5 → x either way.
    assert scenarios["without:j2"].awarded_ids == ("x",)
    assert not scenarios["without:j2"].differs
    assert not scenarios["without:j3"].differs


def test_what_if_normalised_can_change_the_outcome():
    normal = what_if(SCORES, ONE, META, Rule(titles=1))[1]
    # j1's wide range no longer dominates. z-scores on x: j1 +1.22 (9 against 5 and 1), j2 −1,
    # j3 −1; on y: j1 0, j2 +1, j3 +1. So x sits below the pooled centre and y above it.
    assert normal.key == "normalised"
    assert normal.awarded_ids == ("y",)
    assert normal.differs
    x, y = (normal.proposal.ranking[1], normal.proposal.ranking[0])
    assert (x.id, y.id) == ("x", "y")


def test_what_if_refuses_scores_for_unknown_candidates():
    with pytest.raises(ValueError, match="not in the list: x"):
        what_if({("j1", "x", "q"): 5}, ONE, [], Rule(titles=1))


def test_floating_point_noise_neither_creates_nor_hides_a_tie():
    # (2·7 + 1·7) / 3 can come out a hair off 7; it is still a tie, ordered by name.
    noisy = Candidate(1, "Noisy", "DK", 7.000000000000001)
    plain = Candidate(2, "Plain", "FI", 7.0)
    proposal = award_proposal([plain, noisy], Rule(titles=1))
    assert ids(proposal.awarded) == [1]
    assert proposal.tie_at_cut
    # 7.1 − 6.9 is 0.19999… in floating point: not closer than a threshold of 0.2.
    proposal = award_proposal(
        [Candidate(1, "A", "DK", 7.1), Candidate(2, "B", "FI", 6.9)],
        Rule(titles=1, tie_threshold=0.2),
    )
    assert proposal.close_calls == ()
