"""The social-resilience self-assessment: statements over the eight resilience dimensions.

Written by the Pearls team for this platform. Every statement is about the town, phrased so that
agreeing means more resilience, in plain words for people who read English as a second language.
The codes are stored with the answers: never reuse a code for a different statement; a changed
wording keeps its code only when it asks the same thing.
"""

from django.utils.translation import gettext_lazy as _

# Likert scale: 1 "strongly disagree" … 5 "strongly agree"; None is "don't know".
SCALE = (1, 2, 3, 4, 5)
SCALE_LABELS = {
    1: _("Strongly disagree"),
    2: _("Disagree"),
    3: _("Neither agree nor disagree"),
    4: _("Agree"),
    5: _("Strongly agree"),
}
DONT_KNOW = "x"

STATEMENTS = {
    "belonging": (
        ("belonging-1", _("Most people here feel that this town is their home.")),
        ("belonging-2", _("Local traditions, places and stories are known and valued.")),
        ("belonging-3", _("Newcomers are welcomed and soon feel part of the town.")),
        ("belonging-4", _("Young people can imagine a future for themselves here.")),
        ("belonging-5", _("People are proud to show their town to visitors.")),
    ),
    "trust": (
        ("trust-1", _("Most people here trust their neighbours.")),
        ("trust-2", _("People trust the municipality to act in the interest of the town.")),
        ("trust-3", _("When someone needs help, others offer it without being asked.")),
        ("trust-4", _("Different groups in the town get along with each other.")),
        ("trust-5", _("Disagreements are talked through openly and respectfully.")),
    ),
    "participation": (
        ("participation-1", _("Residents take part in decisions that affect their town.")),
        ("participation-2", _("Many people volunteer in local clubs, events or associations.")),
        ("participation-3", _("The municipality asks residents for their ideas and uses them.")),
        ("participation-4", _("Young people have a real say in local matters.")),
        ("participation-5", _("It is easy to start a local initiative or event.")),
    ),
    "inclusion": (
        ("inclusion-1", _("Cultural activities are affordable for everyone.")),
        ("inclusion-2", _("People with disabilities can take part in cultural life.")),
        ("inclusion-3", _("Older people living alone are reached by local activities.")),
        ("inclusion-4", _("People who speak other languages can join in local life.")),
        ("inclusion-5", _("Villages and outlying areas are not left out of what happens.")),
    ),
    "wellbeing": (
        ("wellbeing-1", _("Few people here feel lonely or isolated.")),
        ("wellbeing-2", _("There are places where people can meet without having to pay.")),
        ("wellbeing-3", _("Culture and leisure are seen as good for health.")),
        (
            "wellbeing-4",
            _("People know where to turn when they struggle with their mental health."),
        ),
        ("wellbeing-5", _("Health, social and cultural services work together for residents.")),
    ),
    "cooperation": (
        ("cooperation-1", _("Cultural organisations, schools and social services work together.")),
        ("cooperation-2", _("Local businesses support community and cultural life.")),
        ("cooperation-3", _("The municipality and civic associations cooperate as partners.")),
        ("cooperation-4", _("The town learns from partner towns, in the country and abroad.")),
        ("cooperation-5", _("Organisations share rooms, equipment and knowledge with each other.")),
    ),
    "adaptability": (
        ("adaptability-1", _("The town tries out new ideas and learns from what did not work.")),
        ("adaptability-2", _("Local people have the skills to run cultural projects.")),
        ("adaptability-3", _("Digital tools are used to reach people and share culture.")),
        ("adaptability-4", _("Changes in the population are noticed early and acted upon.")),
        ("adaptability-5", _("Projects continue after their first funding ends.")),
    ),
    "preparedness": (
        ("preparedness-1", _("The town has a plan for what to do in a crisis.")),
        ("preparedness-2", _("People know who will help them in an emergency.")),
        ("preparedness-3", _("Cultural venues can serve as meeting points in a crisis.")),
        ("preparedness-4", _("Vulnerable residents are known and would be reached in a crisis.")),
        ("preparedness-5", _("The town kept its community life going during the pandemic.")),
    ),
}
CODES = tuple(code for items in STATEMENTS.values() for code, _text in items)
DIMENSION_OF = {code: dimension for dimension, items in STATEMENTS.items() for code, _t in items}
