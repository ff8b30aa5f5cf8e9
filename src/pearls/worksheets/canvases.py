"""The toolkit roadmap as data: five phases from first idea to future steps, each with its
canvases and their guiding prompts.

Phases 1 (Conditions) and 2 (Initiation) follow the Cultural Pearls toolkit. Phases 3–5 and
their six canvases are the platform's own design (``own=True``), drawn from the roadmap's
purpose; the interface says so wherever they appear.

Keys of phases, canvases and prompts are identifiers: answers are stored under them and the
plan builder reads them, so never rename one; add new ones instead.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

TEXT = "text"
LIST = "list"  # one item per line


@dataclass(frozen=True)
class Prompt:
    key: str
    label: str
    help: str
    kind: str = TEXT

    @property
    def is_list(self):
        return self.kind == LIST


@dataclass(frozen=True)
class Canvas:
    key: str
    phase: int
    title: str
    purpose: str
    prompts: tuple
    own: bool = False

    @property
    def prompt_keys(self):
        return [prompt.key for prompt in self.prompts]

    def prompt(self, key):
        return next(prompt for prompt in self.prompts if prompt.key == key)


@dataclass(frozen=True)
class Phase:
    number: int
    title: str
    purpose: str
    own: bool = False

    @property
    def canvases(self):
        return [canvas for canvas in CANVASES if canvas.phase == self.number]


PHASES = (
    Phase(
        1,
        _("Conditions"),
        _(
            "Find out where your town can start: the challenge you want to work on, who is "
            "already active in culture and community life, and whether you are ready."
        ),
    ),
    Phase(
        2,
        _("Initiation"),
        _(
            "Bring the partners together and agree, in writing, on the goals you share and how "
            "you will work together."
        ),
    ),
    Phase(
        3,
        _("Co-creation"),
        _(
            "Collect ideas with residents and partners, choose the best ones and turn them into "
            "concrete cultural actions."
        ),
        own=True,
    ),
    Phase(
        4,
        _("Implementation"),
        _(
            "Carry out the actions: who does what and when, and how you keep residents "
            "informed and involved."
        ),
        own=True,
    ),
    Phase(
        5,
        _("Future steps"),
        _(
            "Look at what changed, learn from it and decide what continues after the "
            "programme year."
        ),
        own=True,
    ),
)

CANVASES = (
    # Phase 1: Conditions
    Canvas(
        "entry-point",
        1,
        _("Entry Point"),
        _(
            "Choose the social challenge your town wants to work on with culture, and the "
            "place where you start."
        ),
        (
            Prompt(
                "challenge",
                _("Which social challenge do you want to work on?"),
                _(
                    "Describe it in two or three sentences, for example: young people leave "
                    "after school, older residents are lonely, newcomers and locals do not meet."
                ),
            ),
            Prompt(
                "why_now",
                _("Why is it important now?"),
                _("What has changed recently, or what will happen if nothing is done?"),
            ),
            Prompt(
                "affected",
                _("Who is most affected?"),
                _("One group per line, for example: teenagers, single older people."),
                LIST,
            ),
            Prompt(
                "assets",
                _("Which cultural strengths can help?"),
                _("One per line: places, traditions, festivals, crafts, stories, active people."),
                LIST,
            ),
            Prompt(
                "starting_point",
                _("Where do you start?"),
                _(
                    "A first place, event or group where you can begin, for example the library, "
                    "the summer festival, the school."
                ),
            ),
            Prompt(
                "success",
                _("What would success look like in three years?"),
                _("Describe what residents would notice in their daily life."),
            ),
        ),
    ),
    Canvas(
        "ecosystem-mapping",
        1,
        _("Ecosystem Mapping"),
        _(
            "Map the people and organisations around the challenge: who is active, who decides, "
            "who is missing."
        ),
        (
            Prompt(
                "culture",
                _("Cultural organisations and artists"),
                _("One per line: cultural centre, library, museum, choirs, local artists."),
                LIST,
            ),
            Prompt(
                "community",
                _("Community groups and NGOs"),
                _("One per line: associations, clubs, parishes, volunteer fire brigade."),
                LIST,
            ),
            Prompt(
                "public",
                _("Public institutions"),
                _("One per line: town hall departments, schools, social services, health centre."),
                LIST,
            ),
            Prompt(
                "business",
                _("Businesses and local media"),
                _(
                    "One per line: shops, cafés, employers, local newspaper, radio, "
                    "Facebook groups."
                ),
                LIST,
            ),
            Prompt(
                "missing",
                _("Who is missing?"),
                _("One per line: groups you rarely reach and would like to involve."),
                LIST,
            ),
            Prompt(
                "links",
                _("Which collaborations already exist?"),
                _("Who already works with whom, and where are gaps or tensions?"),
            ),
        ),
    ),
    Canvas(
        "preparedness",
        1,
        _("Preparedness"),
        _("Check honestly whether the town is ready to start, and what you still need."),
        (
            Prompt(
                "mandate",
                _("Political support"),
                _("Who in the town council or administration supports the work? Is it decided?"),
            ),
            Prompt(
                "team",
                _("Core team"),
                _("One person per line, with their role, for example: Anna — project lead."),
                LIST,
            ),
            Prompt(
                "resources",
                _("Time and money"),
                _("How many working hours per week, what budget, what other resources?"),
            ),
            Prompt(
                "skills",
                _("Skills you lack"),
                _("One per line, for example: fundraising, working with youth, social media."),
                LIST,
            ),
            Prompt(
                "risks",
                _("What could stop you?"),
                _("One risk per line, for example: elections, staff leaving, no venue in winter."),
                LIST,
            ),
            Prompt(
                "first_steps",
                _("First steps in the next three months"),
                _("One step per line."),
                LIST,
            ),
        ),
    ),
    # Phase 2: Initiation
    Canvas(
        "establish-collaboration",
        2,
        _("Establish Collaboration"),
        _("Invite the partners, find what you share, and decide how you will work together."),
        (
            Prompt(
                "invitees",
                _("Whom do you invite?"),
                _("One organisation or person per line, with why you need them."),
                LIST,
            ),
            Prompt(
                "shared_interest",
                _("What do the partners have in common?"),
                _("What each partner gains from working on the challenge together."),
            ),
            Prompt(
                "first_meeting",
                _("First meeting"),
                _("When and where, who leads it, what you want to decide there."),
            ),
            Prompt(
                "roles",
                _("Roles"),
                _("Who coordinates, who brings venues, who reaches residents, who handles money."),
            ),
            Prompt(
                "communication",
                _("How partners keep in touch"),
                _("Regular meetings, e-mail list, phone group; how often."),
            ),
            Prompt(
                "obstacles",
                _("What could make working together hard?"),
                _("Old conflicts, different working hours, language, competition for funding."),
            ),
        ),
    ),
    Canvas(
        "collaboration-agreement",
        2,
        _("Collaboration Agreement"),
        _(
            "Write down what the partners agree on: goals, commitments, decisions and duration. "
            "Print it and sign it together."
        ),
        (
            Prompt(
                "partners",
                _("Partners"),
                _(
                    "One partner per line: Organisation — role or contribution, for example "
                    "“Town library — venue and reading club”."
                ),
                LIST,
            ),
            Prompt(
                "goals",
                _("Shared goals"),
                _("One goal per line. Keep them concrete: what will be different, for whom."),
                LIST,
            ),
            Prompt(
                "commitments",
                _("What each partner commits"),
                _("Time, staff, rooms, equipment, money, contacts."),
            ),
            Prompt(
                "decisions",
                _("How decisions are made"),
                _("Who decides what, how often you meet, what happens when partners disagree."),
            ),
            Prompt(
                "duration",
                _("Duration and review"),
                _("From when to when the agreement runs, and when you review it together."),
            ),
            Prompt(
                "signatures",
                _("Signatures and date"),
                _("One line per signatory: name, organisation, date. Sign the printed copy."),
                LIST,
            ),
        ),
    ),
    # Phase 3: Co-creation (the platform's own)
    Canvas(
        "idea-generation",
        3,
        _("Idea Generation"),
        _("Collect ideas with residents and partners, and choose the ones to carry on."),
        (
            Prompt(
                "asked",
                _("Whom did you ask?"),
                _("One group per line, and how: workshop, street survey, school class."),
                LIST,
            ),
            Prompt(
                "ideas",
                _("Ideas collected"),
                _("One idea per line, in the words people used."),
                LIST,
            ),
            Prompt(
                "criteria",
                _("How you choose"),
                _("For example: reaches the affected group, possible with our budget, fun."),
            ),
            Prompt(
                "chosen",
                _("Chosen ideas"),
                _("One idea per line, with one sentence on why."),
                LIST,
            ),
            Prompt(
                "residents_role",
                _("What residents do themselves"),
                _("How residents take part in shaping and running the ideas, not only attending."),
            ),
        ),
        own=True,
    ),
    Canvas(
        "action-design",
        3,
        _("Action Design"),
        _("Turn a chosen idea into an action you can run: what, for whom, when and with what."),
        (
            Prompt(
                "action",
                _("The action in a few sentences"),
                _("What happens, where, and what residents experience."),
            ),
            Prompt(
                "target_groups",
                _("For whom"),
                _("One group per line, with how many people you hope to reach."),
                LIST,
            ),
            Prompt(
                "steps",
                _("Main steps"),
                _("One step per line, with the month, for example: March — open call for stories."),
                LIST,
            ),
            Prompt(
                "resources",
                _("Budget and resources"),
                _("Estimated cost, who pays, what partners bring in kind."),
            ),
            Prompt(
                "accessibility",
                _("Who could be left out, and how you avoid it"),
                _("Transport, cost, language, disability, timing, childcare."),
            ),
            Prompt(
                "risks",
                _("Risks and plan B"),
                _("One risk per line, with what you do if it happens."),
                LIST,
            ),
        ),
        own=True,
    ),
    # Phase 4: Implementation (the platform's own)
    Canvas(
        "delivery-plan",
        4,
        _("Delivery Plan"),
        _("Plan who does what and by when, and how you notice early when something slips."),
        (
            Prompt(
                "tasks",
                _("Tasks"),
                _("One task per line: task — who — by when."),
                LIST,
            ),
            Prompt(
                "checkpoints",
                _("Checkpoints"),
                _("When the team meets to check progress, and what it looks at."),
            ),
            Prompt(
                "budget",
                _("Keeping track of money"),
                _("Who approves spending, who keeps the receipts, how often you compare."),
            ),
            Prompt(
                "volunteers",
                _("Volunteers"),
                _("How you find, brief and thank volunteers."),
            ),
            Prompt(
                "problems",
                _("When something goes wrong"),
                _("Who decides, whom you inform, where you find help (for example your mentor)."),
            ),
        ),
        own=True,
    ),
    Canvas(
        "engagement-communication",
        4,
        _("Engagement and Communication"),
        _("Keep residents informed and involved before, during and after each action."),
        (
            Prompt(
                "audiences",
                _("Whom you need to reach"),
                _("One audience per line, for example: parents, seniors, local press."),
                LIST,
            ),
            Prompt(
                "message",
                _("Main message"),
                _("In one or two sentences a neighbour would understand."),
            ),
            Prompt(
                "channels",
                _("Channels"),
                _(
                    "One per line: posters, parish notices, local radio, school, Facebook, "
                    "word of mouth."
                ),
                LIST,
            ),
            Prompt(
                "languages",
                _("Languages and accessible formats"),
                _("Minority languages, easy-to-read text, large print, sign language."),
            ),
            Prompt(
                "feedback",
                _("How residents tell you what they think"),
                _("Feedback box, short survey, talk after events, comments online."),
            ),
        ),
        own=True,
    ),
    # Phase 5: Future steps (the platform's own)
    Canvas(
        "evaluation-learning",
        5,
        _("Evaluation and Learning"),
        _("Find out what changed for people and what you learned on the way."),
        (
            Prompt(
                "changes",
                _("What changed"),
                _("For residents, for partners, for the town hall. Give examples."),
            ),
            Prompt(
                "evidence",
                _("How you know"),
                _(
                    "One source per line: participant numbers, self-assessment round, "
                    "interviews, photos, press."
                ),
                LIST,
            ),
            Prompt(
                "voices",
                _("What participants said"),
                _("Short quotes, without names unless people agreed."),
            ),
            Prompt(
                "worked",
                _("What worked well"),
                _("One point per line."),
                LIST,
            ),
            Prompt(
                "improve",
                _("What you would do differently"),
                _("One point per line."),
                LIST,
            ),
        ),
        own=True,
    ),
    Canvas(
        "legacy-future",
        5,
        _("Legacy and Future"),
        _("Decide what continues after the programme year, who carries it, and what comes next."),
        (
            Prompt(
                "continues",
                _("What continues"),
                _("One activity, place or group per line."),
                LIST,
            ),
            Prompt(
                "owners",
                _("Who carries it on"),
                _("Which organisation or person takes responsibility for each."),
            ),
            Prompt(
                "funding",
                _("Funding after the programme"),
                _("One source per line: town budget, grants, sponsors, fees."),
                LIST,
            ),
            Prompt(
                "network",
                _("Links to other towns"),
                _("Other Cultural Pearls towns you keep learning from or plan to work with."),
            ),
            Prompt(
                "next",
                _("The next challenge"),
                _("What the town wants to work on next, with what you have built."),
            ),
        ),
        own=True,
    ),
)

_BY_KEY = {canvas.key: canvas for canvas in CANVASES}
CANVAS_KEYS = tuple(_BY_KEY)
PHASE_OF = {phase.number: phase for phase in PHASES}


def canvas_get(key):
    """The canvas ``key``, or None for an unknown key."""
    return _BY_KEY.get(key)


def phase_of(canvas):
    return PHASE_OF[canvas.phase]
