"""Self-assessment results: scores per dimension, spread, strengths and gaps, change, peers.

Pure functions over answers; ``selectors`` reads the rows and hands them here. Each respondent
counts once per dimension (the mean of the statements they answered); "don't know" counts for
nothing but is reported, since many of them say something too.
"""

import statistics
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from pearls.catalogue import vocabulary

from .statements import DIMENSION_OF, STATEMENTS

STRENGTH_AT = 3.75  # a dimension scoring at least this is a strength
GAP_AT = 2.75  # at most this, a gap
DISAGREE_AT = 1.0  # standard deviation between respondents above which they disagree
CHANGE_AT = 0.25  # a change between rounds smaller than this is "about the same"
MIN_PEERS = 5  # peer comparison only with at least this many peer towns


@dataclass
class DimensionResult:
    code: str
    score: float | None  # mean of respondents' dimension means, 1–5
    spread: float | None  # standard deviation between respondents
    low: float | None
    high: float | None
    respondents: int
    dont_know: int  # "don't know" answers in this dimension

    @property
    def label(self):
        return vocabulary.label("dimensions", self.code)


@dataclass
class Results:
    respondents: int
    dimensions: list = field(default_factory=list)

    def score_of(self, code):
        return next((d.score for d in self.dimensions if d.code == code), None)

    @property
    def scored(self):
        return [d for d in self.dimensions if d.score is not None]


def respondent_means(answers):
    """{dimension: mean of the statements answered 1–5} for one respondent."""
    values = {}
    for code, value in answers.items():
        if code in DIMENSION_OF and isinstance(value, int) and 1 <= value <= 5:
            values.setdefault(DIMENSION_OF[code], []).append(value)
    return {dimension: statistics.fmean(found) for dimension, found in values.items()}


def results(answer_sets):
    """``Results`` for a list of answer dicts (one per respondent)."""
    per_respondent = [respondent_means(answers) for answers in answer_sets]
    dimensions = []
    for code in STATEMENTS:
        means = [found[code] for found in per_respondent if code in found]
        dont_know = sum(
            1
            for answers in answer_sets
            for statement, value in answers.items()
            if value is None and DIMENSION_OF.get(statement) == code
        )
        dimensions.append(
            DimensionResult(
                code=code,
                score=round(statistics.fmean(means), 2) if means else None,
                spread=round(statistics.pstdev(means), 2) if len(means) > 1 else None,
                low=round(min(means), 2) if means else None,
                high=round(max(means), 2) if means else None,
                respondents=len(means),
                dont_know=dont_know,
            )
        )
    return Results(respondents=sum(1 for found in per_respondent if found), dimensions=dimensions)


def findings(result):
    """Strengths, gaps and disagreements in words: [(kind, sentence)], kind one of
    "strength", "gap", "disagreement", "unknown"."""
    found = []
    scored = sorted(result.scored, key=lambda d: (-d.score, d.code))
    for dimension in scored:
        values = {"dimension": dimension.label, "score": f"{dimension.score:.1f}"}
        if dimension.score >= STRENGTH_AT:
            found.append(("strength", _("A strength: %(dimension)s (%(score)s of 5).") % values))
    for dimension in reversed(scored):
        values = {"dimension": dimension.label, "score": f"{dimension.score:.1f}"}
        if dimension.score <= GAP_AT:
            found.append(("gap", _("A gap to work on: %(dimension)s (%(score)s of 5).") % values))
    if scored and not any(kind in ("strength", "gap") for kind, _s in found):
        top, bottom = scored[0], scored[-1]
        found.append(
            (
                "strength",
                _("Strongest, though not a clear strength yet: %(dimension)s (%(score)s of 5).")
                % {"dimension": top.label, "score": f"{top.score:.1f}"},
            )
        )
        if bottom is not top:
            found.append(
                (
                    "gap",
                    _("Weakest: %(dimension)s (%(score)s of 5).")
                    % {"dimension": bottom.label, "score": f"{bottom.score:.1f}"},
                )
            )
    for dimension in result.dimensions:
        if dimension.spread is not None and dimension.spread >= DISAGREE_AT:
            found.append(
                (
                    "disagreement",
                    _(
                        "Respondents disagree about %(dimension)s: their answers range from "
                        "%(low)s to %(high)s. Worth talking about together."
                    )
                    % {
                        "dimension": dimension.label,
                        "low": f"{dimension.low:.1f}",
                        "high": f"{dimension.high:.1f}",
                    },
                )
            )
    for dimension in result.dimensions:
        statements = len(STATEMENTS[dimension.code])
        asked = statements * max(result.respondents, 1)
        if result.respondents and dimension.dont_know * 2 >= asked:
            found.append(
                (
                    "unknown",
                    _(
                        "Many respondents did not know how to answer about %(dimension)s: "
                        "perhaps little is known about it locally."
                    )
                    % {"dimension": dimension.label},
                )
            )
    return found


def changes(current, previous):
    """[(dimension result, difference, word)] between two rounds, for dimensions scored in
    both; word is "better", "worse" or "same"."""
    rows = []
    for dimension in current.dimensions:
        before = previous.score_of(dimension.code)
        if dimension.score is None or before is None:
            continue
        difference = round(dimension.score - before, 2)
        if difference >= CHANGE_AT:
            word = "better"
        elif difference <= -CHANGE_AT:
            word = "worse"
        else:
            word = "same"
        rows.append((dimension, difference, word))
    return rows


def peer_medians(peer_results):
    """{dimension: median score} over peer towns' results, or None with fewer than
    ``MIN_PEERS`` towns. Never per town: the comparison is anonymous and never a ranking."""
    if len(peer_results) < MIN_PEERS:
        return None
    medians = {}
    for code in STATEMENTS:
        scores = [r.score_of(code) for r in peer_results if r.score_of(code) is not None]
        if len(scores) >= MIN_PEERS:
            medians[code] = round(statistics.median(scores), 2)
    return medians
