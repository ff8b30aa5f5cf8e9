"""The sections of a Culture and Resilience Action Plan, in order, and the participatory
methods and funding sources actions choose from. Codes are identifiers; labels translate."""

from django.utils.translation import gettext_lazy as _

SECTIONS = {
    "context": _("Context and challenges"),
    "needs": _("Community needs and strengths"),
    "vision": _("Vision and objectives"),
    "team": _("Team and stakeholders"),
    "methods": _("Participatory methods"),
    "actions": _("Actions"),
    "timeline": _("Timeline"),
    "budget": _("Budget and resources"),
    "capacity": _("Capacity to deliver and risks"),
    "monitoring": _("Monitoring and indicators"),
    "communication": _("Communication and legacy"),
}

SECTION_HELP = {
    "context": _(
        "Describe your town and the challenges it faces: population, ageing, migration, "
        "isolation, tensions. Use figures where you have them."
    ),
    "needs": _(
        "What do residents need, and what strengths does the community already have? "
        "The self-assessment gives you a starting point."
    ),
    "vision": _(
        "Where should the town be after the title year? Write the vision here and list the "
        "objectives below; every objective needs at least one action."
    ),
    "team": _(
        "Who leads and who takes part: the municipal team and partners from the public, "
        "private and civil sectors. Partners come from your ecosystem map."
    ),
    "methods": _(
        "How residents take part in designing and carrying out the plan: workshops, "
        "citizen panels, open calls, volunteering."
    ),
    "actions": _(
        "An introduction to your actions. Each action is described in detail below; the "
        "timeline and the budget summary are built from them."
    ),
    "timeline": _("Comment on the timeline: milestones, dependencies, the title year's rhythm."),
    "budget": _(
        "Your resources: seed money, the municipality's own contribution, partners and "
        "sponsors. The budget table is built from the actions' budget lines."
    ),
    "capacity": _(
        "Why your team can deliver: staff, experience, partners. Name the main risks and "
        "how you will reduce them."
    ),
    "monitoring": _(
        "How you will know the plan works: who collects which indicators, how often, and "
        "how you will learn from them."
    ),
    "communication": _(
        "How you will tell residents, partners and other towns about the plan, and what "
        "stays after the title year."
    ),
}

METHODS = {
    "co_creation": _("Co-creation workshops"),
    "citizen_panel": _("Citizen panel or assembly"),
    "participatory_budget": _("Participatory budgeting"),
    "open_call": _("Open call for ideas or projects"),
    "volunteering": _("Volunteering"),
    "storytelling": _("Storytelling and oral history"),
    "survey": _("Survey or interviews"),
    "community_event": _("Community event or festival"),
    "intergenerational": _("Intergenerational activities"),
    "youth_council": _("Youth council or youth participation"),
}

FUNDING_SOURCES = {
    "seed_money": _("Cultural Pearls seed money"),
    "municipality": _("Municipal budget"),
    "partner": _("Partner contribution"),
    "grant": _("Other grant"),
    "sponsor": _("Sponsor"),
    "in_kind": _("In kind"),
}
