"""The jury's scores as plain data: weighted means, per-juror normalisation and agreement.

Every function here is pure: it reads plain Python data and returns new values, never touching
the database. The shapes are:

``scores``
    ``{(juror_id, candidate_id, criterion_code): value}``. A conflicted juror simply has no
    entries for that candidate, so every mean is over the jurors who scored.
``criteria``
    A list of objects or dicts with ``code``, ``weight`` (> 0), ``scale_min`` and ``scale_max``,
    as an edition record holds them.

When criteria use different scales, weighted means mix the raw values in the criteria's own
units; the programme's criteria share one scale, which keeps the mean "on the scale".
"""

import math
import statistics
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

ScoreKey = tuple[Hashable, Hashable, str]
Scores = Mapping[ScoreKey, float]

# Mean absolute deviation between jurors, as a share of the scale's range, below which the
# jury's agreement on a criterion reads as "high" or "moderate"; above the second it is "low".
AGREEMENT_HIGH = 0.10
AGREEMENT_MODERATE = 0.20
# Share of a scale's range below which a juror's spread counts as none at all.
NOISE = 1e-9


@dataclass(frozen=True)
class Criterion:
    """One scoring criterion of an edition: its code, weight and scale."""

    code: str
    weight: float
    scale_min: float
    scale_max: float


@dataclass(frozen=True)
class CandidateScore:
    """A candidate's weighted mean, the number of jurors behind it and each criterion's mean."""

    mean: float
    jurors: int
    per_criterion: dict[str, float]


@dataclass(frozen=True)
class Agreement:
    """How far the jurors agree on one criterion.

    ``spread`` is the mean over candidates of the (population) standard deviation between
    jurors; ``deviation`` the mean absolute deviation from each candidate's mean, averaged over
    candidates and expressed as a share of the scale's range (0.05 = 5 %); ``icc`` the one-way
    intraclass correlation ICC(1), or None when it cannot be computed; ``label`` is "high",
    "moderate" or "low" from ``deviation``; ``candidates`` counts the candidates measured.
    """

    spread: float
    deviation: float
    icc: float | None
    label: str
    candidates: int


def _field(item, name):
    return item[name] if isinstance(item, Mapping) else getattr(item, name)


def criteria_by_code(criteria: Iterable) -> dict[str, Criterion]:
    """Read the criteria (objects or dicts) into ``{code: Criterion}``, in their given order.

    Raises ValueError for a repeated code, a weight that is not positive or a scale whose
    maximum is not above its minimum.
    """
    result = {}
    for item in criteria:
        criterion = Criterion(
            code=_field(item, "code"),
            weight=float(_field(item, "weight")),
            scale_min=float(_field(item, "scale_min")),
            scale_max=float(_field(item, "scale_max")),
        )
        if criterion.code in result:
            raise ValueError(
                _("The criterion %(code)s is listed twice.") % {"code": criterion.code}
            )
        if not criterion.weight > 0:
            raise ValueError(
                _("The criterion %(code)s needs a weight above zero.") % {"code": criterion.code}
            )
        if not criterion.scale_max > criterion.scale_min:
            raise ValueError(
                _("The scale of the criterion %(code)s must end above where it starts.")
                % {"code": criterion.code}
            )
        result[criterion.code] = criterion
    return result


def _checked(scores: Scores, by_code: dict[str, Criterion]) -> None:
    """Raise ValueError for a score on an unknown criterion or outside the criterion's scale."""
    for (juror, candidate, code), value in scores.items():
        criterion = by_code.get(code)
        if criterion is None:
            raise ValueError(
                _("Juror %(juror)s scored %(candidate)s on an unknown criterion %(code)s.")
                % {"juror": juror, "candidate": candidate, "code": code}
            )
        if not criterion.scale_min <= value <= criterion.scale_max:
            raise ValueError(
                _(
                    "Juror %(juror)s gave %(candidate)s %(value)s on %(code)s, outside the "
                    "scale from %(low)s to %(high)s."
                )
                % {
                    "juror": juror,
                    "candidate": candidate,
                    "value": value,
                    "code": code,
                    "low": criterion.scale_min,
                    "high": criterion.scale_max,
                }
            )


def weighted_means(scores: Scores, criteria: Iterable) -> dict[Hashable, CandidateScore]:
    """Each candidate's weighted score, averaged over the jurors who scored it.

    A juror's score for a candidate is sum(weight * value) / sum(weight) over the criteria that
    juror scored. A juror who left some criteria blank is therefore counted on the criteria they
    did score, with the weights renormalised: the blanks neither count as zero nor pull the
    score down, which is the same as filling them with the juror's own weighted mean. The
    candidate's mean is the plain mean over its jurors (every juror counts once, however many
    criteria they scored); ``per_criterion`` holds the mean of each criterion over the jurors who
    scored that criterion. Candidates nobody scored are absent from the result.

    Raises ValueError for invalid criteria (see ``criteria_by_code``), a score on an unknown
    criterion or a value outside the criterion's scale.
    """
    by_code = criteria_by_code(criteria)
    _checked(scores, by_code)
    sheets: dict[Hashable, dict[Hashable, dict[str, float]]] = defaultdict(dict)
    for (juror, candidate, code), value in scores.items():
        sheets[candidate].setdefault(juror, {})[code] = value

    result = {}
    for candidate, by_juror in sheets.items():
        juror_scores = []
        per_code: dict[str, list[float]] = defaultdict(list)
        for values in by_juror.values():
            total_weight = sum(by_code[code].weight for code in values)
            juror_scores.append(
                sum(by_code[code].weight * value for code, value in values.items()) / total_weight
            )
            for code, value in values.items():
                per_code[code].append(value)
        result[candidate] = CandidateScore(
            mean=statistics.fmean(juror_scores),
            jurors=len(juror_scores),
            per_criterion={
                code: statistics.fmean(per_code[code]) for code in by_code if code in per_code
            },
        )
    return result


def normalised(scores: Scores, criteria: Iterable) -> dict[ScoreKey, float]:
    """The same scores with each juror's leniency or severity taken out, kept on the scale.

    For each criterion, a juror's values are z-scored over the candidates that juror scored
    (population standard deviation), then put back on the scale as ``centre + z * spread``,
    where centre and spread are the mean and population standard deviation of all jurors' raw
    values on that criterion. Results are clamped to [scale_min, scale_max].

    Edge cases, all giving z = 0, i.e. the pooled centre: a juror whose values on a criterion do
    not vary (they express no preference between candidates there), and a juror who scored a
    single candidate on it (a preference cannot be read from one value). When the pooled spread
    is 0 every juror gets the pooled mean. The result has exactly the keys of ``scores``.

    Raises ValueError like ``weighted_means``.
    """
    by_code = criteria_by_code(criteria)
    _checked(scores, by_code)
    pooled: dict[str, list[float]] = defaultdict(list)
    per_juror: dict[tuple[Hashable, str], dict[ScoreKey, float]] = defaultdict(dict)
    for key, value in scores.items():
        juror, _candidate, code = key
        pooled[code].append(value)
        per_juror[(juror, code)][key] = value

    pooled_centre = {code: statistics.fmean(values) for code, values in pooled.items()}
    pooled_spread = {code: _pstdev(pooled[code], pooled_centre[code]) for code in pooled}
    result = {}
    for (_juror, code), values in per_juror.items():
        criterion = by_code[code]
        own_mean = statistics.fmean(values.values())
        own_spread = _pstdev(values.values(), own_mean)
        # A spread this small is rounding noise on equal values, not a preference.
        flat = own_spread <= NOISE * (criterion.scale_max - criterion.scale_min)
        for key, value in values.items():
            z = 0.0 if flat else (value - own_mean) / own_spread
            shifted = pooled_centre[code] + z * pooled_spread[code]
            result[key] = min(criterion.scale_max, max(criterion.scale_min, shifted))
    return result


def _pstdev(values: Iterable[float], mean: float) -> float:
    # Plain floats: statistics.pstdev computes with exact fractions, which is many times slower
    # and buys nothing at the precision of jury scores.
    values = list(values)
    return math.sqrt(math.fsum((value - mean) ** 2 for value in values) / len(values))


def _icc1(groups: list[list[float]]) -> float | None:
    """One-way random-effects ICC(1) over candidates (groups of jurors' values).

    Unequal group sizes use the usual average group size
    k0 = (N - sum(n_i^2) / N) / (n - 1). None when there are fewer than two candidates, no
    within-candidate degrees of freedom, or no variance at all.
    """
    n = len(groups)
    total = sum(len(group) for group in groups)
    if n < 2 or total - n < 1:
        return None
    grand = statistics.fmean(value for group in groups for value in group)
    means = [statistics.fmean(group) for group in groups]
    between = sum(len(g) * (m - grand) ** 2 for g, m in zip(groups, means, strict=True)) / (n - 1)
    within = sum((value - m) ** 2 for g, m in zip(groups, means, strict=True) for value in g) / (
        total - n
    )
    k0 = (total - sum(len(group) ** 2 for group in groups) / total) / (n - 1)
    denominator = between + (k0 - 1) * within
    if math.isclose(denominator, 0.0, abs_tol=1e-12):
        return None
    return (between - within) / denominator


def agreement(scores: Scores, criteria: Iterable) -> dict[str, Agreement]:
    """How far the jurors agree, per criterion (see ``Agreement`` for each measure).

    Only candidates scored by at least two jurors on a criterion are measured; a criterion with
    no such candidate cannot be measured and is absent from the result. The label reads the
    mean absolute deviation as a share of the scale's range: below 10 % "high", below 20 %
    "moderate", otherwise "low".

    Raises ValueError like ``weighted_means``.
    """
    by_code = criteria_by_code(criteria)
    _checked(scores, by_code)
    groups: dict[str, dict[Hashable, list[float]]] = defaultdict(lambda: defaultdict(list))
    for (_juror, candidate, code), value in scores.items():
        groups[code][candidate].append(value)

    result = {}
    for code, criterion in by_code.items():
        measured = [values for values in groups.get(code, {}).values() if len(values) > 1]
        if not measured:
            continue
        spreads, deviations = [], []
        for values in measured:
            mean = statistics.fmean(values)
            spreads.append(_pstdev(values, mean))
            deviations.append(statistics.fmean(abs(value - mean) for value in values))
        deviation = statistics.fmean(deviations) / (criterion.scale_max - criterion.scale_min)
        if deviation < AGREEMENT_HIGH:
            label = "high"
        elif deviation < AGREEMENT_MODERATE:
            label = "moderate"
        else:
            label = "low"
        result[code] = Agreement(
            spread=statistics.fmean(spreads),
            deviation=deviation,
            icc=_icc1(measured),
            label=label,
            candidates=len(measured),
        )
    return result
