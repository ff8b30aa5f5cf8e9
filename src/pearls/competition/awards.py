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
    """What the scores propose under the rule, with every decision explained in ``reasons``."""

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


def _ranked(candidates: Iterable[Candidate]) -> list[Candidate]:
    # Equal scores fall back to the name (and the id, for equal names) only so that the same
    # input always gives the same order; such ties are flagged, never decided, by the caller.
    return sorted(candidates, key=lambda c: (-c.score, c.name.casefold(), str(c.id)))


def _score(value: float) -> str:
    return number_format(value, decimal_pos=2)


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

    Raises ValueError when two candidates share an id (the rule checks itself on creation).
    """
    ranking = _ranked(candidates)
    if len({c.id for c in ranking}) < len(ranking):
        raise ValueError(_("Each candidate must appear only once."))
    limit = rule.max_per_country
    awarded: list[Candidate] = []
    per_country: dict[str, int] = {}
    skipped: list[Skip] = []
    reasons: list[Reason] = []

    for candidate in ranking:
        if len(awarded) == rule.titles:
            break
        held = per_country.get(candidate.country, 0)
        if limit is not None and held >= limit:
            skipped.append(Skip(candidate, candidate.country, held))
            reasons.append(
                Reason(
                    "country_limit",
                    ngettext(
                        "%(name)s is passed over: %(country)s already has %(count)s title.",
                        "%(name)s is passed over: %(country)s already has %(count)s titles.",
                        held,
                    )
                    % {
                        "name": candidate.name,
                        "country": _country(candidate.country),
                        "count": held,
                    },
                    (candidate.id,),
                )
            )
            continue
        awarded.append(candidate)
        per_country[candidate.country] = held + 1
        reasons.append(
            Reason(
                "awarded",
                _(
                    "%(name)s is proposed for title %(rank)s of %(titles)s with a score of "
                    "%(score)s."
                )
                % {
                    "name": candidate.name,
                    "rank": len(awarded),
                    "titles": rule.titles,
                    "score": _score(candidate.score),
                },
                (candidate.id,),
            )
        )

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

    awarded_ids = {c.id for c in awarded}
    skipped_ids = {s.candidate.id for s in skipped}
    rest = [c for c in ranking if c.id not in awarded_ids]

    def full(country: str) -> bool:
        return limit is not None and per_country.get(country, 0) >= limit

    for candidate in rest:
        if candidate.id not in skipped_ids:
            reasons.append(
                Reason(
                    "below_cut",
                    _(
                        "%(name)s (%(score)s) is not proposed: the titles go to higher-ranked "
                        "candidates."
                    )
                    % {"name": candidate.name, "score": _score(candidate.score)},
                    (candidate.id,),
                )
            )

    close_calls = []
    for a in awarded:
        for b in rest:
            if full(b.country) and b.country != a.country:
                continue
            gap = a.score - b.score
            if gap == 0:
                close_calls.append(CloseCall(a, b, 0.0, True))
                reasons.append(
                    Reason(
                        "tie",
                        _(
                            "%(a)s and %(b)s have exactly the same score (%(score)s): the jury "
                            "must decide between them. They are listed by name only for display."
                        )
                        % {"a": a.name, "b": b.name, "score": _score(a.score)},
                        (a.id, b.id),
                    )
                )
            elif gap < rule.tie_threshold:
                close_calls.append(CloseCall(a, b, gap, False))
                reasons.append(
                    Reason(
                        "close_call",
                        _(
                            "%(a)s (%(a_score)s) is only %(gap)s ahead of %(b)s (%(b_score)s), "
                            "closer than the tie threshold of %(threshold)s."
                        )
                        % {
                            "a": a.name,
                            "a_score": _score(a.score),
                            "b": b.name,
                            "b_score": _score(b.score),
                            "gap": _score(gap),
                            "threshold": _score(rule.tie_threshold),
                        },
                        (a.id, b.id),
                    )
                )

    extra: list[Candidate] = []
    if rule.extra_title:
        pool = [c for c in rest if not (rule.extra_title_country_rule and full(c.country))]
        if pool:
            best = pool[0]
            extra = [
                c
                for c in pool
                if c.score == best.score or best.score - c.score < rule.tie_threshold
            ]
        for candidate in extra:
            reasons.append(
                Reason(
                    "extra_candidate",
                    _(
                        "%(name)s (%(score)s) is a candidate for the optional extra title; "
                        "the jury decides whether to award it."
                    )
                    % {"name": candidate.name, "score": _score(candidate.score)},
                    (candidate.id,),
                )
            )

    return Proposal(
        awarded=tuple(awarded),
        skipped_for_country=tuple(skipped),
        extra_candidates=tuple(extra),
        close_calls=tuple(close_calls),
        reasons=tuple(reasons),
        ranking=tuple(ranking),
    )


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
