"""The demo town's action plan: Gniew's CuReAP for the 2027 edition, shared with its mentor,
written in English with Polish beside it, four actions drawing on the toolkit and the
catalogue, and one open comment of the national mentor."""

from pearls.competition.models import Edition

from . import services
from .models import Plan, Section

SECTIONS_EN = {
    "context": (
        "Gniew is a town of about 6,500 people on the lower Vistula, known for its Teutonic "
        "castle. Young people leave for Tczew, Gdańsk and abroad; one resident in four is over "
        "60, and many of them live alone. New residents from Ukraine arrived in 2022 and are "
        "still rarely part of town life."
    ),
    "vision": (
        "By the end of 2027 Gniew is a town where generations and newcomers meet through its "
        "castle, its river and its stories, and where residents run culture together with the "
        "municipality."
    ),
    "methods": (
        "- Co-creation workshops with seniors, young people and new residents\n"
        "- An open call for micro-projects decided by a residents' panel\n"
        "- Storytelling circles recorded by young volunteers"
    ),
    "actions": "Four actions carry the plan; each has its own indicators and budget lines.",
    "timeline": "Preparation in the first quarter, the main season from May to September.",
    "budget": (
        "Seed money of the title covers new activities; the municipality and the Cultural "
        "Centre contribute staff and venues."
    ),
    "capacity": (
        "The Cultural Centre runs 40 events a year and the castle museum hosts 100,000 "
        "visitors; the main risk is volunteer fatigue, reduced by rotating hosts."
    ),
    "monitoring": "Attendance lists, a short survey twice a year and a repeat self-assessment.",
    "communication": (
        "A monthly page in the local paper, the town's social media and an open summer "
        "festival; the memory archive stays online after 2027."
    ),
}
SECTIONS_PL = {
    "context": (
        "Gniew to miasto liczące około 6500 mieszkańców nad dolną Wisłą, znane z zamku "
        "krzyżackiego. Młodzi wyjeżdżają do Tczewa, Gdańska i za granicę; co czwarty mieszkaniec "
        "ma ponad 60 lat."
    ),
    "vision": (
        "Do końca 2027 roku Gniew jest miastem, w którym pokolenia i nowi mieszkańcy spotykają "
        "się dzięki zamkowi, rzece i wspólnym opowieściom."
    ),
}
OBJECTIVES = [
    "Fewer older residents living in isolation",
    "Young people see a future in Gniew",
    "New residents take part in town life",
]
ACTIONS = [
    {
        "title": "Memory cafés at the castle",
        "description": "Monthly afternoons where older residents tell stories of the town to "
        "young volunteers, who record them for a public archive.",
        "objectives": [0, 2],
        "methods": ["storytelling", "intergenerational"],
        "domains": ["intangible_heritage", "literature"],
        "target_groups": ["seniors", "youth"],
        "dimensions": ["belonging", "wellbeing"],
        "start": "2027-02",
        "end": "2027-11",
        "budget": [
            ("Hosts and refreshments", "1500", "seed_money"),
            ("Castle hall", "2000", "in_kind"),
        ],
        "indicator": ("Older residents taking part", "0", "80", "people"),
    },
    {
        "title": "Vistula youth radio",
        "description": "Young people produce a weekly radio programme about the town with the "
        "school and the Cultural Centre.",
        "objectives": [1],
        "methods": ["youth_council", "co_creation"],
        "domains": ["film_media"],
        "target_groups": ["youth"],
        "dimensions": ["participation", "adaptability"],
        "start": "2027-03",
        "end": "2027-12",
        "budget": [
            ("Recording equipment", "1200", "seed_money"),
            ("Studio time", "800", "partner"),
        ],
        "indicator": ("Programmes broadcast", "0", "36", "programmes"),
    },
    {
        "title": "Neighbours' table on the market square",
        "description": "A summer series of shared dinners where new and old residents cook "
        "dishes of their regions.",
        "objectives": [2],
        "methods": ["community_event", "volunteering"],
        "domains": ["food_culture"],
        "target_groups": ["migrants", "all_residents"],
        "dimensions": ["inclusion", "trust"],
        "start": "2027-05",
        "end": "2027-09",
        "budget": [
            ("Tables, tents, ingredients", "1500", "seed_money"),
            ("Local sponsors", "1000", "sponsor"),
        ],
        "indicator": ("Residents at the tables", "0", "400", "people"),
    },
    {
        "title": "Residents' micro-grants",
        "description": "An open call for small cultural projects; a residents' panel chooses.",
        "objectives": [0, 1, 2],
        "methods": ["open_call", "participatory_budget"],
        "domains": ["visual_arts", "music"],
        "target_groups": ["all_residents"],
        "dimensions": ["participation", "cooperation"],
        "start": "2027-04",
        "end": "2027-10",
        "budget": [("Micro-grants", "3000", "municipality")],
        "indicator": ("Projects funded", "0", "10", "projects"),
    },
]


def plan_demo_create(municipality, team, mentor=None):
    """Create Gniew's demo plan once (idempotent: an existing plan is left as it is)."""
    from pearls.catalogue.vocabulary import codes
    from pearls.ecosystem.models import Stakeholder

    edition = Edition.objects.filter(title_year=2027).first()
    if edition is None or Plan.objects.filter(municipality=municipality, edition=edition).exists():
        return None
    coordinator, member = team[0], team[-1]
    plan = services.plan_create(
        municipality=municipality,
        edition=edition,
        title="Gniew: generations meet at the castle",
        languages=["pl"],
        actor=coordinator,
    )
    for language, texts in (("en", SECTIONS_EN), ("pl", SECTIONS_PL)):
        for key, body in texts.items():
            current = Section.objects.filter(plan=plan, key=key, language=language).first()
            services.section_save(
                plan=plan,
                key=key,
                language=language,
                body=body,
                base_revision=current.revision if current else 0,
                actor=member,
            )
    services.objectives_save(
        plan=plan, texts=[(None, text) for text in OBJECTIVES], language="en", actor=member
    )
    objectives = list(plan.objectives.all())
    partners = list(Stakeholder.objects.filter(municipality=municipality)[:6])
    domains = set(codes("domains"))
    for number, spec in enumerate(ACTIONS):
        name, baseline, target, unit = spec["indicator"]
        picked = partners[number % max(len(partners), 1) :][:3] if partners else []
        services.action_save(
            plan=plan,
            item={
                "ref": None,
                "title": {"en": spec["title"]},
                "description": {"en": spec["description"]},
                "tools": {},
                "risks": {"en": "Too few volunteers: hosts rotate and the school helps."},
                "objectives": [objectives[i].pk for i in spec["objectives"]],
                "domains": [code for code in spec["domains"] if code in domains],
                "methods": spec["methods"],
                "target_groups": spec["target_groups"],
                "dimensions": spec["dimensions"],
                "partners": [{"id": p.pk, "name": p.name, "sector": p.sector} for p in picked],
                "practices": [],
                "start": spec["start"],
                "end": spec["end"],
                "responsible": coordinator.name,
                "budget": [
                    {"item": item, "amount": amount, "source": source}
                    for item, amount, source in spec["budget"]
                ],
                "indicators": [
                    {
                        "name": name,
                        "baseline": baseline,
                        "target": target,
                        "unit": unit,
                        "verification": "attendance lists",
                    }
                ],
            },
            base_revision=0,
            actor=member,
        )
    from pearls.catalogue.models import Practice

    practice = Practice.objects.filter(slug="se-helsingborg-three-generation-art-studio").first()
    if practice is not None:
        services.practice_attach(action=plan.actions.first(), practice=practice, actor=member)
    services.plan_share(plan=plan, actor=coordinator)
    if mentor is not None:
        services.comment_add(
            plan=plan,
            section="monitoring",
            body="How will you measure loneliness itself, not only attendance? "
            "The self-assessment could be repeated in December.",
            actor=mentor,
        )
    return plan
