"""Plans for tests: a town with a team, an edition and a plan with one action."""

from pearls.ecosystem.models import Sector, Stakeholder
from pearls.plans import services
from tests.people import join, make_edition, make_municipality, make_user


def make_team(slug="town-a", country="PL"):
    town = make_municipality(slug, country)
    coordinator, member = make_user(name="Coordinator"), make_user(name="Member")
    join(coordinator, town, "coordinator")
    join(member, town)
    return town, coordinator, member


def make_plan(town, actor, year=2027, languages=("pl",)):
    from pearls.competition.models import Edition

    edition = Edition.objects.filter(title_year=year).first() or make_edition(year)
    return services.plan_create(
        municipality=town,
        edition=edition,
        title="Gniew together",
        languages=list(languages),
        actor=actor,
    )


def make_partners(town):
    return [
        Stakeholder.objects.create(
            municipality=town, name=name, organisation_type=kind, sector=sector
        )
        for name, kind, sector in [
            ("Cultural centre", "cultural_institution", Sector.CULTURE),
            ("Seniors' club", "ngo", Sector.CIVIL),
            ("Town hall", "municipality", Sector.PUBLIC),
        ]
    ]


def action_item(title="Memory cafés", start="2027-03", end="2027-10", **overrides):
    item = {
        "ref": None,
        "title": {"en": title},
        "description": {"en": "Monthly meetings where seniors tell stories."},
        "tools": {},
        "risks": {"en": "Low turnout; we partner with the seniors' club."},
        "objectives": [],
        "domains": ["intangible_heritage"],
        "methods": ["storytelling"],
        "target_groups": ["seniors"],
        "dimensions": ["belonging"],
        "partners": [],
        "practices": [],
        "start": start,
        "end": end,
        "responsible": "Anna Nowak",
        "budget": [{"item": "Coffee and cake", "amount": "1200.00", "source": "seed_money"}],
        "indicators": [
            {
                "name": "Participants",
                "baseline": "0",
                "target": "120",
                "unit": "people",
                "verification": "attendance lists",
            }
        ],
    }
    item.update(overrides)
    return item
