"""The award proposal: which candidates the jury's scores point to under an edition's award rule.

Pure functions over plain data. The function proposes and explains; the jury decides. In
particular it never breaks an exact tie at the last title by itself: it keeps a deterministic
order (by name, for display only) and flags the tie, and it offers the optional extra title as
a choice instead of awarding it.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from pearls.competition.normalise import Scores, normalised, weighted_means


@dataclass(frozen=True)
class Candidate:
    """A candidate plan with its weighted score. ``country`` is the lead partner's country."""

    id: Hashable
    name: str
    country: str
    score: float


@dataclass(frozen=True)
class Rule:
    """An edition's award rule.

    ``max_per_country`` None means no limit. ``extra_title_country_rule`` says whether the
    country limit also applies to the optional extra title. Scores closer than
    ``tie_threshold`` are close calls. Raises ValueError for a number of titles below one, a
    country limit below one or a negative threshold.
    """

    titles: int
    max_per_country: int | None = None
    extra_title: bool = False
    extra_title_country_rule: bool = False
    tie_threshold: float = 0.0

    def __post_init__(self):
        if self.titles < 1:
            raise ValueError(_("An edition awards at least one title."))
        if self.max_per_country is not None and self.max_per_country < 1:
            raise ValueError(_("The limit of titles per country must be at least one."))
        if self.tie_threshold < 0:
            raise ValueError(_("The tie threshold cannot be negative."))


@dataclass(frozen=True)
class Skip:
    """A candidate passed over because its country already had ``count`` titles."""

    candidate: Candidate
    country: str
    count: int


@dataclass(frozen=True)
class CloseCall:
    """An awarded candidate ``a`` and a candidate ``b`` who could take its place, ``gap`` apart.

    ``tie`` is True when the scores are exactly equal: the order between them is by name only.
    """

    a: Candidate
    b: Candidate
    gap: float
    tie: bool


@dataclass(frozen=True)
class Reason:
    """One decision in words. ``kind`` is a stable code for the interface; ``text`` translated.

    Kinds: "awarded", "country_limit", "below_cut", "unfilled", "extra_candidate",
    "close_call", "tie".
    """

    kind: str
    text: str
    candidate_ids: tuple[Hashable, ...]


@dataclass(frozen=True)
class Proposal:
    """What the scores propose under the rule, with every decision explained in ``reasons``.

    ``ranking`` is every candidate by score (exact ties by name), as the proposal read them.
    """

    awarded: tuple[Candidate, ...]
    skipped_for_country: tuple[Skip, ...]
    extra_candidates: tuple[Candidate, ...]
    close_calls: tuple[CloseCall, ...]
    reasons: tuple[Reason, ...]
    ranking: tuple[Candidate, ...] = field(default=())

    @property
    def tie_at_cut(self) -> bool:
        """True when an exact tie crosses the cut, so the jury has to choose."""
        return any(call.tie for call in self.close_calls)


# Means of weighted scores carry floating-point noise (a mean of 7 can come out as
# 7.000000000000001): scores closer than this are the same score, so noise neither creates nor
# hides a tie or a close call.
EPSILON = 1e-9


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= EPSILON


def _closer_than(gap: float, threshold: float) -> bool:
    return gap < threshold - EPSILON


def _ranked(candidates: Iterable[Candidate]) -> list[Candidate]:
    # Equal scores fall back to the name (and the id, for equal names) only so that the same
    # input always gives the same order; award_proposal flags such ties at the cut for the jury.
    return sorted(candidates, key=lambda c: (-round(c.score, 9), c.name.casefold(), str(c.id)))


def _score(value: float) -> str:
    # number_format cuts digits off instead of rounding: 0.0999… would read 0.09.
    return number_format(round(value, 2), decimal_pos=2)


def _country(code: str) -> str:
    return countries.name(code) or code


def award_proposal(candidates: Iterable[Candidate], rule: Rule) -> Proposal:
    """Propose the titles: walk the ranking by score and skip candidates over the country limit.

    - ``awarded``: in ranking order, until ``rule.titles`` are given (fewer when the candidates
      run out, with an "unfilled" reason).
    - ``skipped_for_country``: candidates above the last awarded one passed over because their
      country had reached ``max_per_country``.
    - ``extra_candidates``: with ``rule.extra_title``, the best candidate not awarded (leaving
      out countries at their limit only when ``extra_title_country_rule``) and every other one
      within ``tie_threshold`` of it or tied with it: a choice for the jury, never awarded here.
    - ``close_calls``: pairs of an awarded candidate and a candidate not awarded who could take
      its place under the country rule (its country is below the limit, or it is the same
      country), whose scores are closer than ``tie_threshold`` or exactly equal. An exact tie is
      ordered by name for display only and flagged with ``tie=True``.

    Scores within ``EPSILON`` of each other count as equal, and a gap must be below the
    threshold by more than ``EPSILON`` to be close.

    Raises ValueError when two candidates share an id (the rule checks itself on creation).
    """
    ranking = _ranked(candidates)
    if len({c.id for c in ranking}) < len(ranking):
        raise ValueError(_("Each candidate must appear only once."))
    awarded, skipped, per_country = _walk(ranking, rule)

    def full(country: str) -> bool:
        return (
            rule.max_per_country is not None and per_country.get(country, 0) >= rule.max_per_country
        )

    awarded_ids = {c.id for c in awarded}
    rest = [c for c in ranking if c.id not in awarded_ids]
    close_calls = [
        call
        for a in awarded
        for b in rest
        # b can only take a's place if that keeps b's country within the limit.
        if not (full(b.country) and b.country != a.country)
        and (call := _close_call(a, b, rule.tie_threshold))
    ]
    extra = []
    if rule.extra_title:
        pool = [c for c in rest if not (rule.extra_title_country_rule and full(c.country))]
        # pool[0] is the best remaining; the comprehension only reads it when pool has items.
        extra = [
            c
            for c in pool
            if _same(c.score, pool[0].score)
            or _closer_than(pool[0].score - c.score, rule.tie_threshold)
        ]

    skipped_ids = {s.candidate.id for s in skipped}
    below_cut = [c for c in rest if c.id not in skipped_ids]
    return Proposal(
        awarded=tuple(awarded),
        skipped_for_country=tuple(skipped),
        extra_candidates=tuple(extra),
        close_calls=tuple(close_calls),
        reasons=_reasons(rule, awarded, skipped, below_cut, close_calls, extra),
        ranking=tuple(ranking),
    )


def _walk(ranking: list[Candidate], rule: Rule):
    """Go down the ranking giving titles; return (awarded, skipped, titles per country)."""
    awarded: list[Candidate] = []
    skipped: list[Skip] = []
    per_country: dict[str, int] = {}
    for candidate in ranking:
        if len(awarded) == rule.titles:
            break
        held = per_country.get(candidate.country, 0)
        if rule.max_per_country is not None and held >= rule.max_per_country:
            skipped.append(Skip(candidate, candidate.country, held))
        else:
            awarded.append(candidate)
            per_country[candidate.country] = held + 1
    return awarded, skipped, per_country


def _close_call(a: Candidate, b: Candidate, threshold: float) -> CloseCall | None:
    if _same(a.score, b.score):
        return CloseCall(a, b, 0.0, True)
    if _closer_than(a.score - b.score, threshold):
        return CloseCall(a, b, a.score - b.score, False)
    return None


def _reasons(rule, awarded, skipped, below_cut, close_calls, extra) -> tuple[Reason, ...]:
    """Every decision of the proposal in words, in the reader's language."""
    reasons = [
        Reason(
            "awarded",
            _("%(name)s is proposed for title %(rank)s of %(titles)s with a score of %(score)s.")
            % {"name": c.name, "rank": rank, "titles": rule.titles, "score": _score(c.score)},
            (c.id,),
        )
        for rank, c in enumerate(awarded, start=1)
    ]
    if len(awarded) < rule.titles:
        reasons.append(
            Reason(
                "unfilled",
                ngettext(
                    "Only %(count)s title can be proposed: no other candidate fits the rule.",
                    "Only %(count)s titles can be proposed: no other candidate fits the rule.",
                    len(awarded),
                )
                % {"count": len(awarded)},
                (),
            )
        )
    for skip in skipped:
        reasons.append(
            Reason(
                "country_limit",
                ngettext(
                    "%(name)s is passed over: %(country)s already has %(count)s title.",
                    "%(name)s is passed over: %(country)s already has %(count)s titles.",
                    skip.count,
                )
                % {
                    "name": skip.candidate.name,
                    "country": _country(skip.country),
                    "count": skip.count,
                },
                (skip.candidate.id,),
            )
        )
    for c in below_cut:
        reasons.append(
            Reason(
                "below_cut",
                _(
                    "%(name)s (%(score)s) is not proposed: the titles go to higher-ranked "
                    "candidates."
                )
                % {"name": c.name, "score": _score(c.score)},
                (c.id,),
            )
        )
    for call in close_calls:
        if call.tie:
            text = _(
                "%(a)s and %(b)s have exactly the same score (%(score)s): the jury must decide "
                "between them. They are listed by name only for display."
            ) % {"a": call.a.name, "b": call.b.name, "score": _score(call.a.score)}
        else:
            text = _(
                "%(a)s (%(a_score)s) is only %(gap)s ahead of %(b)s (%(b_score)s), closer than "
                "the tie threshold of %(threshold)s."
            ) % {
                "a": call.a.name,
                "a_score": _score(call.a.score),
                "b": call.b.name,
                "b_score": _score(call.b.score),
                "gap": _score(call.gap),
                "threshold": _score(rule.tie_threshold),
            }
        reasons.append(Reason("tie" if call.tie else "close_call", text, (call.a.id, call.b.id)))
    for c in extra:
        reasons.append(
            Reason(
                "extra_candidate",
                _(
                    "%(name)s (%(score)s) is a candidate for the optional extra title; the jury "
                    "decides whether to award it."
                )
                % {"name": c.name, "score": _score(c.score)},
                (c.id,),
            )
        )
    return tuple(reasons)


@dataclass(frozen=True)
class Scenario:
    """One way of counting the scores and the titles it would give.

    ``key`` is "raw", "normalised" or "without:<juror id>"; ``juror`` the juror left out, if
    any. ``differs`` compares the set of awarded ids with the raw outcome; ``gained`` and
    ``lost`` say which candidates enter or leave it. ``unscored`` lists candidates that nobody
    scored in this scenario (they cannot be ranked).
    """

    key: str
    label: str
    juror: Hashable | None
    awarded_ids: tuple[Hashable, ...]
    differs: bool
    gained: tuple[Hashable, ...]
    lost: tuple[Hashable, ...]
    unscored: tuple[Hashable, ...]
    proposal: Proposal


def _field(item, name):
    return item[name] if isinstance(item, Mapping) else getattr(item, name)


def _sorted_ids(ids) -> list:
    try:
        return sorted(ids)
    except TypeError:
        return sorted(ids, key=str)


def what_if(
    scores: Scores, criteria: Iterable, candidates_meta: Iterable, rule: Rule
) -> list[Scenario]:
    """The award proposal counted several ways, so the interface can show when the outcome moves.

    ``candidates_meta`` is an iterable of objects or dicts with ``id``, ``name`` and ``country``
    (a ``Candidate``'s own score is ignored). Returns a list of ``Scenario``: "raw" (weighted
    means), "normalised" (weighted means of ``normalised`` scores) and one "without:<juror>" per
    juror in id order (raw means with that juror's scores left out).

    Raises ValueError like ``weighted_means``, or when ``scores`` name a candidate missing from
    ``candidates_meta``.
    """
    meta = {
        _field(item, "id"): (_field(item, "name"), _field(item, "country"))
        for item in candidates_meta
    }
    unknown = {candidate for _juror, candidate, _code in scores} - meta.keys()
    if unknown:
        raise ValueError(
            _("Scores name candidates that are not in the list: %(ids)s.")
            % {"ids": ", ".join(str(i) for i in _sorted_ids(unknown))}
        )
    criteria = list(criteria)

    def scenario(key, label, juror, counted, baseline):
        means = weighted_means(counted, criteria)
        ranked = [
            Candidate(cid, name, country, means[cid].mean)
            for cid, (name, country) in meta.items()
            if cid in means
        ]
        proposal = award_proposal(ranked, rule)
        ids = tuple(c.id for c in proposal.awarded)
        base = set(ids if baseline is None else baseline)
        return Scenario(
            key=key,
            label=label,
            juror=juror,
            awarded_ids=ids,
            differs=set(ids) != base,
            gained=tuple(i for i in ids if i not in base),
            lost=tuple(_sorted_ids(base - set(ids))),
            unscored=tuple(_sorted_ids(meta.keys() - means.keys())),
            proposal=proposal,
        )

    raw = scenario("raw", _("Raw means"), None, scores, None)
    normal = normalised(scores, criteria)
    result = [raw, scenario("normalised", _("Normalised"), None, normal, raw.awarded_ids)]
    for juror in _sorted_ids({juror for juror, _candidate, _code in scores}):
        without = {key: value for key, value in scores.items() if key[0] != juror}
        result.append(
            scenario(
                f"without:{juror}",
                _("Without juror %(juror)s") % {"juror": juror},
                juror,
                without,
                raw.awarded_ids,
            )
        )
    return result
