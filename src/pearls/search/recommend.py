"""Recommendations and peer matching, with their reasons in words.

``practices_recommended`` takes plain inputs (challenge and dimension codes, size, country,
languages, free text) so that the municipality page calls it with a profile today, and the
toolkit and plan builder can call it later with self-assessment gaps and plan text.
"""

import math
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from pearls.catalogue import vocabulary

from . import embeddings, semantic

SIZE_RATIO = 2.0  # populations within a factor of two count as "similar size"


@dataclass
class Suggestion:
    item: object
    score: float
    reasons: list = field(default_factory=list)


def _similar_size(a, b):
    return bool(a and b) and abs(math.log(a / b)) <= math.log(SIZE_RATIO)


def _labels(name, codes):
    return [str(vocabulary.label(name, code)).lower() for code in codes]


def _query_text(challenges, dimensions, text):
    from django.utils import translation

    with translation.override("en"):
        labels = _labels("challenges", challenges) + _labels("dimensions", dimensions)
    return " ".join(part for part in (text, "; ".join(labels)) if part)


def practices_recommended(
    *,
    challenges=(),
    dimensions=(),
    size=None,
    country="",
    languages=(),
    text="",
    limit=6,
    exclude=(),
):
    """Published practices that fit a town's situation, best first, each with its reasons.

    Scores: shared challenges (2 each) and dimensions (1 each), closeness in meaning of
    ``text`` plus the labels of the codes (when vectors are stored), similar population, and a
    text the town can read (one of ``languages``). Returns ``Suggestion`` objects.
    """
    from pearls.catalogue.models import PracticeCode
    from pearls.catalogue.selectors import practices_published

    candidates = practices_published().exclude(pk__in=list(exclude))
    meaning = {}
    query = _query_text(challenges, dimensions, text)
    if query:
        vector = embeddings.embed_queries([query])[0]
        nearest = semantic.nearest_in(candidates, vector, limit=20)
        meaning = {pk: len(nearest) - rank for rank, pk in enumerate(nearest)}
    # Only practices that share a code or are close in meaning can score: load just those.
    sharing = PracticeCode.objects.filter(
        Q(vocabulary="challenges", code__in=list(challenges))
        | Q(vocabulary="dimensions", code__in=list(dimensions))
    ).values("practice")
    practices = candidates.filter(Q(pk__in=sharing) | Q(pk__in=list(meaning))).only(
        "pk",
        "slug",
        "title",
        "original_language",
        "place",
        "country",
        "population",
        "challenges",
        "dimensions",
    )
    suggestions = []
    for practice in practices:
        shared = [code for code in challenges if code in practice.challenges]
        shared_dimensions = [code for code in dimensions if code in practice.dimensions]
        score = 2 * len(shared) + len(shared_dimensions) + meaning.get(practice.pk, 0) / 10
        reasons = []
        if shared:
            reasons.append(
                _("also about %(topics)s") % {"topics": ", ".join(_labels("challenges", shared))}
            )
        if practice.pk in meaning and not shared:
            reasons.append(_("close in meaning to your situation"))
        if _similar_size(size, practice.population):
            score += 1
            reasons.append(_("a town of similar size"))
        readable = [code for code in languages if code in practice.title]
        if readable:
            score += 0.5
        if country and practice.country == country:
            score += 0.25
            reasons.append(_("from your country"))
        if score > 0.5:
            suggestions.append(Suggestion(practice, score, reasons))
    suggestions.sort(key=lambda s: (-s.score, s.item.slug))
    return suggestions[:limit]


def practices_for_municipality(municipality, *, limit=6):
    """Recommendations from a municipality's profile."""
    return practices_recommended(
        challenges=municipality.challenges or [],
        size=municipality.population,
        country=municipality.country,
        languages=municipality.languages or [],
        text=getattr(municipality.description_in("en"), "text", ""),
        limit=limit,
        exclude=municipality.practices.values_list("pk", flat=True),
    )


def twin_towns(municipality, *, limit=5):
    """Municipalities to pair with: shared challenges, similar size, a language in common,
    and preferably across a border. Each suggestion says why in words."""
    from pearls.accounts.models import Municipality

    suggestions = []
    for other in Municipality.objects.exclude(pk=municipality.pk):
        shared = [
            code for code in municipality.challenges or [] if code in (other.challenges or [])
        ]
        if not shared:
            continue
        score = 2 * len(shared)
        reasons = [_("both face %(topics)s") % {"topics": ", ".join(_labels("challenges", shared))}]
        if _similar_size(municipality.population, other.population):
            score += 1.5
            reasons.append(_("similar size"))
        common = [code for code in municipality.languages or [] if code in (other.languages or [])]
        if common:
            score += 0.5
        if other.country != municipality.country:
            score += 0.5
            reasons.append(_("in another country: an exchange across the border"))
        suggestions.append(Suggestion(other, score, reasons))
    suggestions.sort(key=lambda s: (-s.score, s.item.official_name))
    return suggestions[:limit]


def mentors_suggested(municipality):
    """National mentors for the municipality's country, those speaking its languages first."""
    from django.contrib.auth import get_user_model

    from pearls.accounts.models import RoleAssignment

    mentors = (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role=RoleAssignment.Role.MENTOR,
            role_assignments__country=municipality.country,
        )
        .distinct()
    )
    suggestions = []
    for mentor in mentors:
        reasons = [
            _("national mentor for %(country)s")
            % {"country": vocabulary.country_name(municipality.country)}
        ]
        score = 1.0
        if mentor.language in (municipality.languages or []):
            score += 1
            reasons.append(_("works in the town's language"))
        suggestions.append(Suggestion(mentor, score, reasons))
    suggestions.sort(key=lambda s: (-s.score, s.item.name))
    return suggestions
