"""Demo worksheets for the demo town Gniew (development only): the entry point, the ecosystem
map and the collaboration agreement filled in, so that the roadmap shows progress and the plan
builder has partners to take over. Invented for the demo, not the town's real plans."""

from .models import WorksheetAnswer
from .services import worksheet_save

ANSWERS = {
    "entry-point": {
        "challenge": (
            "Many young people leave Gniew after secondary school, and those who stay meet "
            "older residents only in the family. The town's heritage is known to visitors "
            "more than to its own teenagers."
        ),
        "why_now": (
            "The number of residents keeps falling. The castle brings tourists in summer, but "
            "the old town is empty in winter and teenagers have no place of their own."
        ),
        "affected": "Teenagers aged 14–19\nOlder people living alone\nFamilies who moved in "
        "from Tczew and Gdańsk",
        "assets": "Gniew Castle and its knights' tournaments\nThe Vistula riverbank\n"
        "The Gniew Cultural Centre and its music groups\nKociewie crafts and cooking traditions\n"
        "Volunteers of the Seniors' Club",
        "starting_point": (
            "The winter months in the castle: workshops where teenagers and seniors prepare "
            "the summer festival together."
        ),
        "success": (
            "Young people run part of the festival themselves, seniors and teenagers know each "
            "other by name, and the old town has something on every month of the year."
        ),
    },
    "ecosystem-mapping": {
        "culture": "Gniew Cultural Centre\nCastle Museum\nTown and Municipal Library\n"
        "Music groups of the Cultural Centre\nLocal painters and craftspeople",
        "community": "Seniors' Club 'Złota Jesień'\nVolunteer fire brigade\nScout troop\n"
        "Parish of St Nicholas",
        "public": "Town hall: promotion and culture office\nSecondary school complex\n"
        "Municipal social welfare centre",
        "business": "Castle hotel\nCafés on the market square\nLocal newspaper\n"
        "Town Facebook group",
        "missing": "Teenagers who are not in any club\nFamilies who moved in recently\n"
        "Farmers from the surrounding villages",
        "links": (
            "The Cultural Centre and the castle already organise the summer festival together. "
            "The school and the seniors have no contact. Shops take part only as sponsors."
        ),
    },
    "collaboration-agreement": {
        "partners": "Gniew Cultural Centre — lead, venues and staff\n"
        "Castle Museum — heritage venue\n"
        "Seniors' Club 'Złota Jesień' — volunteers\n"
        "Secondary school complex — student workshops and teachers\n"
        "Town and Municipal Library — oral-history recordings\n"
        "Town hall — funding and promotion",
        "goals": "Teenagers and seniors prepare the summer festival together\n"
        "Monthly cultural events in the old town from October to April\n"
        "Forty oral-history recordings of older residents by 2027",
        "commitments": (
            "The Cultural Centre provides a coordinator one day a week and its rooms. The "
            "castle opens two halls in winter at no cost. The Seniors' Club brings at least ten "
            "volunteers. The school counts the workshops as project lessons. The town hall "
            "covers materials and promotion from the culture budget."
        ),
        "decisions": (
            "A steering group of one person per partner meets on the first Tuesday of each "
            "month. Decisions are taken by agreement; if there is none, the Cultural Centre "
            "decides after hearing everyone."
        ),
        "duration": (
            "From 1 September 2026 to 31 December 2027. The partners review the agreement in "
            "June 2027, after the festival."
        ),
        "signatures": "For the Cultural Centre: director, date\nFor the Castle Museum: director, "
        "date\nFor the Seniors' Club: chair, date",
    },
}


def worksheets_create(municipality, actor=None):
    """Fill in the demo worksheets of ``municipality``. Idempotent: a canvas that has answers
    already is left as it is. Returns the number of canvases filled in."""
    created = 0
    for key, answers in ANSWERS.items():
        if WorksheetAnswer.objects.filter(municipality=municipality, canvas=key).exists():
            continue
        worksheet_save(
            municipality=municipality, canvas=key, answers=answers, base_revision=0, actor=actor
        )
        created += 1
    return created
