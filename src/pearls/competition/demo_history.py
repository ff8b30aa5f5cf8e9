"""The competition's real history in the demo: the 2024, 2025 and 2026 editions as the programme
announced them (demo_data/programme-facts.json, an unchanged copy of the shared facts).

Only what the public record says is loaded: the calendar days that are known, the award rule
of each year, the named applicants or shortlisted candidates, and the Pearls with their
citations. Nothing is invented: a partial date ("2023-12") gives no milestone, an unnamed
applicant gives no application, a missing citation stays empty. Every imported application
carries ``eligibility = {"imported": "programme-facts.json", "names_are": <the facts' note>}``
so that nobody mistakes it for one submitted on this platform, and each edition's published
decision says where its facts come from and what is not known.

The rows are written directly, not through the services: the services guard a live edition
(deadlines, phases, score sheets), and a past edition has none of those to guard.
"""

import datetime
import json
import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from pearls.accounts.models import Municipality

from .models import Application, Award, Decision, Edition, Milestone
from .services import criteria_defaults_create

FACTS_PATH = Path(__file__).resolve().parent / "demo_data" / "programme-facts.json"
SOURCE = "programme-facts.json"

# The phase of each past edition in the project's world, where today is December 2026.
PHASES = {
    2024: Edition.Phase.CLOSED,
    2025: Edition.Phase.CLOSED,
    2026: Edition.Phase.TITLE_YEAR,
}

# The award rule of each year, from the facts' award_rule_history: "The pilot announced four
# titles from four different countries; six titles were awarded for 2025; for 2026 four titles
# went to two German, one Finnish and one Polish town" (2026 is the current rule: three titles,
# one per country, and the optional extra title outside the country rule).
RULES = {
    2024: {"titles": 4, "max_per_country": 1, "extra_title": False},
    2025: {"titles": 6, "max_per_country": 1, "extra_title": False},
}

# Names of the facts that are not a municipality's official name in Pearls (countries checked).
NAME_SLUGS = {
    "Alytus district": "alytus-district",
    "Hiiumaa": "hiiumaa",
    "Mulgi": "mulgi",
    "Pakruojis": "pakruojis",
    "Peipsiääre": "peipsiaare",
    "Vormsi": "vormsi",
}

# The facts' ``names_are`` note starts with one of these: the names are either the shortlisted
# candidates or only the applicants (shortlisting not known).
SHORTLISTED_NOTE = "shortlisted candidates"
APPLICANTS_NOTE = "applicants"

# Neither the hour of a call's opening nor that of an announcement is known: the call opens at
# the start of its day, results count from midday (the same day in every European zone).
OPENS_AT = datetime.time(0, 0)
DEADLINE_AT = datetime.time(23, 59)
ANNOUNCED_AT = datetime.time(12, 0)

# The secretariat sits in Gdańsk, so an edition's zone is Europe/Warsaw unless the facts publish
# another one (2026: "zone Europe/Brussels (published as 23:59 CET)").
DEFAULT_ZONE = "Europe/Warsaw"

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ZONE = re.compile(r"zone ([A-Za-z_]+/[A-Za-z_]+)")


class HistoryError(Exception):
    """The facts do not fit the platform's data (a town that matches no municipality, a note
    or an award list this loader does not understand). Nothing was written."""


@dataclass
class HistoryCounts:
    editions: int = 0
    applications: int = 0
    awards: int = 0


def facts_load():
    """The programme's facts (the unchanged copy in demo_data/)."""
    return json.loads(FACTS_PATH.read_text(encoding="utf-8"))


def _day(text):
    """(date, time or None) of a fact such as "2023-09-08" or "2025-04-04 23:59 local time…";
    None for a missing or partial date ("2023-12")."""
    found = _DAY.match(text or "")
    if not found:
        return None
    year, month, day, hour, minute = found.groups()
    moment = datetime.time(int(hour), int(minute)) if hour else None
    return datetime.date(int(year), int(month), int(day)), moment


def _month(text):
    """(year, month) of a partial date such as "2023-12"; None otherwise."""
    found = _MONTH.match(text or "")
    return (int(found.group(1)), int(found.group(2))) if found else None


def _month_end(year, month):
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def _zone(fact):
    found = _ZONE.search(fact.get("application_deadline") or "")
    zone = found.group(1) if found else DEFAULT_ZONE
    zoneinfo.ZoneInfo(zone)  # an unknown zone fails here, before anything is written
    return zone


def _rule(fact, facts):
    year = fact["title_year"]
    if year in RULES:
        return {**RULES[year], "extra_title_country_rule": False}
    current = facts["award_rule_current"]
    return {
        "titles": current["titles"],
        "max_per_country": current["max_per_country"],
        "extra_title": bool(current.get("optional_extra_title")),
        "extra_title_country_rule": False,
    }


def _milestones(fact):
    """{kind: (date, time)} of the days the facts know; partial dates give none."""
    found = {}
    opened = _day(fact.get("call_opened"))
    if opened:
        found[Milestone.Kind.CALL_OPENS] = (opened[0], OPENS_AT)
    deadline = _day(fact.get("application_deadline"))
    if deadline:
        found[Milestone.Kind.APPLICATION_DEADLINE] = (deadline[0], deadline[1] or DEADLINE_AT)
    # The plan phase's first day has no milestone of its own (when the shortlist was decided
    # is not known); its last day is the plan deadline.
    plans = _day(fact.get("plan_deadline") or (fact.get("plan_phase") or [None, None])[1])
    if plans:
        found[Milestone.Kind.PLAN_DEADLINE] = (plans[0], plans[1] or DEADLINE_AT)
    results = _day(fact.get("results"))
    if results:
        found[Milestone.Kind.RESULTS] = (results[0], results[1] or ANNOUNCED_AT)
    return found


def _published_at(fact, zone):
    """When the decision counts as published: the results day where it is known, else the last
    day of the results month (the results were public by then); None when neither is known."""
    results = _day(fact.get("results"))
    if results:
        day = results[0]
    elif month := _month(fact.get("results")):
        day = _month_end(*month)
    else:
        return None
    return datetime.datetime.combine(day, ANNOUNCED_AT, tzinfo=zoneinfo.ZoneInfo(zone))


def _municipalities(facts):
    """{(name, country): Municipality} for every town the editions name; raises HistoryError
    for a name that matches no municipality, or one of another country."""
    wanted = {
        (name, country)
        for fact in facts["editions"]
        for name, country, *_rest in fact["shortlisted_or_applicants"] + fact["pearls"]
    }
    by_slug = {m.slug: m for m in Municipality.objects.filter(slug__in=NAME_SLUGS.values())}
    by_name = {
        (m.official_name, m.country): m
        for m in Municipality.objects.filter(official_name__in={name for name, _c in wanted})
    }
    found = {}
    for name, country in sorted(wanted):
        municipality = by_slug.get(NAME_SLUGS.get(name)) or by_name.get((name, country))
        if municipality is None or municipality.country != country:
            raise HistoryError(
                f"The programme's facts name {name} ({country}), which matches no municipality "
                "of Pearls: load the municipalities first, or add the name to NAME_SLUGS."
            )
        found[(name, country)] = municipality
    return found


def _status_of_names(fact):
    note = fact["names_are"]
    if note.startswith(SHORTLISTED_NOTE):
        return Application.Status.SHORTLISTED
    if note.startswith(APPLICANTS_NOTE):
        return Application.Status.SUBMITTED
    raise HistoryError(f"Edition {fact['title_year']}: unknown kind of names {note!r}.")


def _awards(fact, rule):
    """[(name, country, citation, extra)] in the facts' order. A Pearl beyond the country limit
    holds the extra title; raises HistoryError when the titles do not fit the year's rule."""
    per_country, awards = {}, []
    for name, country, citation in fact["pearls"]:
        per_country[country] = per_country.get(country, 0) + 1
        limit = rule["max_per_country"]
        awards.append((name, country, citation or "", bool(limit and per_country[country] > limit)))
    extras = sum(extra for *_rest, extra in awards)
    if extras > int(rule["extra_title"]) or len(awards) - extras > rule["titles"]:
        raise HistoryError(
            f"Edition {fact['title_year']}: {len(awards)} Pearls do not fit its award rule."
        )
    return awards


def _rationale(fact, zone, awards):
    named = len(fact["shortlisted_or_applicants"])
    lines = [
        "From the programme's public announcements, gathered in programme-facts.json; the "
        "scores were not kept on this platform.",
        f"Applicants: {fact['applicants']}. The names on record are the {fact['names_are']}.",
    ]
    if fact["applicants"] > named:
        lines.append(
            f"{fact['applicants'] - named} of the applicants are not named in the public record "
            "and are not listed here."
        )
    if _status_of_names(fact) == Application.Status.SUBMITTED:
        lines.append(
            "Which applicants were shortlisted is not known: only the Pearls are shown as "
            "shortlisted, the others as submitted."
        )
    if not _day(fact.get("application_deadline")):
        lines.append("The application deadline is not recorded.")
    if not _day(fact.get("results")):
        month = _month(fact.get("results"))
        if month:
            lines.append(
                f"The results were announced in {datetime.date(*month, 1):%B %Y}; the day is not "
                "recorded, so the calendar has no results date and the decision counts as "
                "published on the last day of that month."
            )
        else:
            lines.append("The date of the results is not recorded.")
    extra = [name for name, _country, _citation, is_extra in awards if is_extra]
    if extra:
        country = next(c for name, c, _citation, _e in awards if name == extra[0])
        shared = [name for name, c, _citation, _e in awards if c == country]
        lines.append(
            f"{' and '.join(shared)} come from the same country, so one of them holds the "
            "optional extra title, to which the country rule does not apply. Which of them was "
            f"the extra title is not recorded in the public sources; {extra[0]}, named last in "
            "the announcement, is shown as the extra title."
        )
    if zone != DEFAULT_ZONE:
        lines.append(f"Times are in {zone}, as the call published them.")
    return "\n\n".join(lines)


def _edition(fact, facts, counts):
    year = fact["title_year"]
    if year not in PHASES:
        raise HistoryError(f"Edition {year} of the facts has no phase in PHASES.")
    zone = _zone(fact)
    wanted = {
        "name": f"Cultural Pearls {year}",
        "time_zone": zone,
        "phase": PHASES[year],
        **_rule(fact, facts),
    }
    edition, made = Edition.objects.get_or_create(title_year=year, defaults=wanted)
    counts.editions += made
    changed = [key for key, value in wanted.items() if getattr(edition, key) != value]
    if changed:
        for key in changed:
            setattr(edition, key, wanted[key])
        edition.save(update_fields=changed)
    criteria_defaults_create(edition)
    for kind, (day, moment) in _milestones(fact).items():
        Milestone.objects.update_or_create(
            edition=edition, kind=kind, defaults={"local_date": day, "local_time": moment}
        )
    return edition


def _applications(edition, fact, towns, counts):
    status = _status_of_names(fact)
    pearls = {(name, country) for name, country, _citation in fact["pearls"]}
    deadline = _day(fact.get("application_deadline"))
    submitted_at = (
        datetime.datetime.combine(deadline[0], deadline[1] or DEADLINE_AT, tzinfo=edition.zone)
        if deadline
        else None
    )
    found = {}
    for name, country in fact["shortlisted_or_applicants"]:
        key = (name, country)
        application, made = Application.objects.get_or_create(
            edition=edition,
            municipality=towns[key],
            defaults={
                # the Pearls were necessarily shortlisted, whatever else is unknown
                "status": Application.Status.SHORTLISTED if key in pearls else status,
                "answers": {},
                "submitted_at": submitted_at,
                "eligibility": {"imported": SOURCE, "names_are": fact["names_are"]},
            },
        )
        counts.applications += made
        found[key] = application
    return found


def _decision(edition, fact, applications, awards, counts):
    decision, _made = Decision.objects.get_or_create(
        edition=edition,
        defaults={
            "rationale": _rationale(fact, edition.time_zone, awards),
            "published_at": _published_at(fact, edition.time_zone),
        },
    )
    for position, (name, country, citation, extra) in enumerate(awards):
        _award, made = Award.objects.get_or_create(
            application=applications[(name, country)],
            defaults={
                "decision": decision,
                "extra": extra,
                "citation": citation,
                "position": position,
            },
        )
        counts.awards += made
    return decision


def history_load(facts=None):
    """Load the 2024–2026 editions of the facts as history, in one transaction: each edition
    with its rule, default criteria, known milestones and phase; the named towns' applications
    (empty answers, marked as imported); a published decision with its Pearls.

    Idempotent: existing applications, decisions and titles are left as they are; a second
    run changes nothing. Needs the municipalities (accounts.demo). Raises HistoryError, writing
    nothing, when a name matches no municipality or the Pearls do not fit a year's rule.
    Returns HistoryCounts of the rows it created."""
    facts = facts or facts_load()
    counts = HistoryCounts()
    with transaction.atomic():
        towns = _municipalities(facts)
        for fact in sorted(facts["editions"], key=lambda item: item["title_year"]):
            pearls = {(name, country) for name, country, _c in fact["pearls"]}
            listed = {(name, country) for name, country in fact["shortlisted_or_applicants"]}
            if not pearls <= listed:
                raise HistoryError(
                    f"Edition {fact['title_year']}: a Pearl is missing from the named towns."
                )
            edition = _edition(fact, facts, counts)
            awards = _awards(
                fact,
                {
                    "titles": edition.titles,
                    "max_per_country": edition.max_per_country,
                    "extra_title": edition.extra_title,
                },
            )
            applications = _applications(edition, fact, towns, counts)
            _decision(edition, fact, applications, awards, counts)
    return counts
