"""The readiness checklist: computed from the plan, grouped by the jury's criteria, each unmet
item pointing to where it is fixed. Required items block submission; the others are what a
jury will look for."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pearls.core.languages import pick

from .sections import SECTIONS

CRITERIA = {
    "holistic": gettext_lazy("Innovative and holistic approach"),
    "participation": gettext_lazy("Participatory methods and cultural tools"),
    "capacity": gettext_lazy("Capacity to deliver"),
    "overarching": gettext_lazy("Overarching criteria"),
}
MIN_SECTORS = 3


@dataclass
class Item:
    code: str
    criterion: str
    label: str
    met: bool
    detail: str = ""
    url: str = ""
    required: bool = False


@dataclass
class Readiness:
    items: list = field(default_factory=list)

    @property
    def met(self):
        return sum(1 for item in self.items if item.met)

    @property
    def total(self):
        return len(self.items)

    @property
    def ready(self):
        return all(item.met for item in self.items if item.required)

    def groups(self):
        return [
            (label, [item for item in self.items if item.criterion == code])
            for code, label in CRITERIA.items()
        ]


def _title(action, plan):
    return str(pick(action.title, plan.official_language, plan.official_language) or "—")


def readiness_of(plan, *, actions=None, weakest=None):
    """The checklist of ``plan`` (reads its sections, objectives and actions). A page that
    already holds the actions (``selectors.actions_of``) and the self-assessment's weakest
    dimensions passes them, so they are not read twice."""
    slug = plan.municipality.slug
    plan_url = plan.get_absolute_url()

    def section_url(key, language=None):
        url = reverse("plans:section", args=[slug, plan.pk, key])
        return f"{url}?lang={language}" if language else url

    def action_url(action):
        return reverse("plans:action", args=[slug, plan.pk, action.pk])

    if actions is None:
        from .selectors import actions_of

        actions = list(actions_of(plan))
    objectives = list(plan.objectives.all())
    written = set(
        plan.sections.filter(language=plan.official_language)
        .exclude(body="")
        .values_list("key", flat=True)
    )
    items = []
    empty = [key for key in SECTIONS if key not in written]
    items.append(
        Item(
            "sections",
            "overarching",
            _("Every section is written in the official language"),
            not empty,
            _("Still empty: %(sections)s.")
            % {"sections": ", ".join(str(SECTIONS[k]) for k in empty)}
            if empty
            else "",
            section_url(empty[0], plan.official_language) if empty else "",
            required=True,
        )
    )
    items.append(
        Item(
            "objectives",
            "holistic",
            _("The plan states its objectives"),
            bool(objectives),
            url=reverse("plans:objectives", args=[slug, plan.pk]),
        )
    )
    served = {o.pk for action in actions for o in action.objectives.all()}
    orphan = [o for o in objectives if o.pk not in served]
    items.append(
        Item(
            "objective_actions",
            "holistic",
            _("Every objective has at least one action"),
            bool(objectives) and not orphan,
            _("Without an action: %(objectives)s.")
            % {"objectives": "; ".join(str(pick(o.text, plan.official_language)) for o in orphan)}
            if orphan
            else "",
            reverse("plans:action-new", args=[slug, plan.pk]) if orphan or not actions else "",
        )
    )
    no_indicator = [a for a in actions if not any(i.target.strip() for i in a.indicators.all())]
    items.append(
        Item(
            "indicators",
            "capacity",
            _("Every action has an indicator with a target"),
            bool(actions) and not no_indicator,
            _("Missing in: %(actions)s.")
            % {"actions": "; ".join(_title(a, plan) for a in no_indicator)}
            if no_indicator
            else "",
            action_url(no_indicator[0]) if no_indicator else "",
        )
    )
    no_budget = [a for a in actions if not a.budget_lines.all()]
    seed = sum(
        (
            line.amount
            for a in actions
            for line in a.budget_lines.all()
            if line.source == "seed_money"
        ),
        0,
    )
    limit = plan.edition.seed_money_max
    items.append(
        Item(
            "budget",
            "capacity",
            _("Every action has budget lines"),
            bool(actions) and not no_budget,
            _("Missing in: %(actions)s.")
            % {"actions": "; ".join(_title(a, plan) for a in no_budget)}
            if no_budget
            else "",
            action_url(no_budget[0]) if no_budget else "",
        )
    )
    items.append(
        Item(
            "seed_money",
            "capacity",
            _("The seed money stays within the edition's limit of %(limit)s EUR")
            % {"limit": limit},
            seed <= limit,
            _("The actions ask for %(amount)s EUR of seed money.") % {"amount": seed}
            if seed > limit
            else "",
            f"{plan_url}#budget",
            required=True,
        )
    )
    year = plan.edition.title_year
    outside = [a for a in actions if a.start.year != year or a.end.year != year]
    items.append(
        Item(
            "timeline",
            "capacity",
            _("The timeline fits the title year %(year)s") % {"year": year},
            not outside,
            _("Outside the title year: %(actions)s.")
            % {"actions": "; ".join(_title(a, plan) for a in outside)}
            if outside
            else "",
            action_url(outside[0]) if outside else "",
            required=True,
        )
    )
    no_lead = [a for a in actions if not a.responsible.strip()]
    items.append(
        Item(
            "responsible",
            "capacity",
            _("Every action has a responsible person"),
            bool(actions) and not no_lead,
            "; ".join(_title(a, plan) for a in no_lead),
            action_url(no_lead[0]) if no_lead else "",
        )
    )
    sectors = {p.sector for a in actions for p in a.partners.all()}
    items.append(
        Item(
            "sectors",
            "overarching",
            _("Partners from at least three sectors"),
            len(sectors) >= MIN_SECTORS,
            _("The actions' partners come from %(count)s sectors.") % {"count": len(sectors)},
            action_url(actions[0]) if actions else "",
        )
    )
    no_method = [a for a in actions if not a.methods]
    items.append(
        Item(
            "methods",
            "participation",
            _("Every action names its participatory methods"),
            bool(actions) and not no_method,
            "; ".join(_title(a, plan) for a in no_method),
            action_url(no_method[0]) if no_method else "",
        )
    )
    no_domain = [a for a in actions if not a.domains]
    items.append(
        Item(
            "domains",
            "participation",
            _("Every action names the cultural domains it works with"),
            bool(actions) and not no_domain,
            "; ".join(_title(a, plan) for a in no_domain),
            action_url(no_domain[0]) if no_domain else "",
        )
    )
    practices = {p.pk for a in actions for p in a.practices.all()}
    items.append(
        Item(
            "practices",
            "holistic",
            _("The plan draws on at least one good practice"),
            bool(practices),
            url=f"{plan_url}#suggestions",
        )
    )
    if weakest is None:
        from .prefill import weakest_dimensions

        weakest = weakest_dimensions(plan.municipality)
    addressed = {code for a in actions for code in a.dimensions}
    if weakest:
        from pearls.catalogue import vocabulary

        items.append(
            Item(
                "weakest",
                "holistic",
                _("An action addresses the weakest dimension of the self-assessment"),
                weakest[0] in addressed,
                str(vocabulary.label("dimensions", weakest[0])),
                action_url(actions[0])
                if actions
                else reverse("plans:action-new", args=[slug, plan.pk]),
            )
        )
    open_conflicts = plan.conflicts.filter(resolved_at__isnull=True).count()
    items.append(
        Item(
            "conflicts",
            "overarching",
            _("No edit conflict is waiting to be settled"),
            not open_conflicts,
            _("%(count)s to settle.") % {"count": open_conflicts} if open_conflicts else "",
            f"{plan_url}#conflicts",
            required=True,
        )
    )
    return Readiness(items)
