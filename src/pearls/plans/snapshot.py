"""A plan as plain data: the JSON export, the version history's snapshots and what a restore
puts back. Codes stay codes; people appear by name only where the plan itself names them."""

import datetime
from decimal import Decimal

from django.db import transaction

from .models import Action, BudgetLine, Indicator, Objective, Section

FORMAT = "pearls-curaep/1"


def _month(value):
    return value.strftime("%Y-%m")


def action_data(action):
    """One action as data (the snapshot's shape; conflicts keep a person's version so)."""
    return {
        "ref": action.pk,
        "title": dict(action.title),
        "description": dict(action.description),
        "tools": dict(action.tools),
        "risks": dict(action.risks),
        "objectives": sorted(objective.pk for objective in action.objectives.all()),
        "domains": list(action.domains),
        "methods": list(action.methods),
        "target_groups": list(action.target_groups),
        "dimensions": list(action.dimensions),
        "partners": [
            {"id": partner.pk, "name": partner.name, "sector": partner.sector}
            for partner in action.partners.all()
        ],
        "practices": sorted(practice.slug for practice in action.practices.all()),
        "start": _month(action.start),
        "end": _month(action.end),
        "responsible": action.responsible,
        "budget": [
            {"item": line.item, "amount": str(line.amount), "source": line.source}
            for line in action.budget_lines.all()
        ],
        "indicators": [
            {
                "name": indicator.name,
                "baseline": indicator.baseline,
                "target": indicator.target,
                "unit": indicator.unit,
                "verification": indicator.verification,
            }
            for indicator in action.indicators.all()
        ],
    }


def snapshot_of(plan):
    """The plan's content (not its state or history) as JSON-ready data."""
    objectives = list(plan.objectives.all())
    actions = (
        plan.actions.all()
        .prefetch_related("objectives", "partners", "practices", "budget_lines", "indicators")
        .order_by("position", "pk")
    )
    return {
        "format": FORMAT,
        "municipality": plan.municipality.slug,
        "edition": plan.edition.title_year,
        "title": plan.title,
        "languages": list(plan.languages),
        "official_language": plan.official_language,
        "sections": {
            f"{section.key}:{section.language}": section.body
            for section in plan.sections.order_by("key", "language")
            if section.body
        },
        "objectives": [
            {"ref": objective.pk, "text": dict(objective.text)} for objective in objectives
        ],
        "actions": [action_data(action) for action in actions],
    }


def _date(month):
    return datetime.date.fromisoformat(f"{month}-01")


def action_apply(action, item, *, objective_refs=None):
    """Write ``item`` (``action_data``'s shape) into ``action`` (saved or new) with its
    objectives, partners, practices, budget lines and indicators. Partners of another
    municipality and practices that do not exist are left out."""
    from pearls.catalogue.models import Practice
    from pearls.ecosystem.models import Stakeholder

    for name in ("title", "description", "tools", "risks"):
        setattr(action, name, {k: v for k, v in item[name].items() if v})
    for name in ("domains", "methods", "target_groups", "dimensions"):
        setattr(action, name, list(item[name]))
    action.start, action.end = _date(item["start"]), _date(item["end"])
    action.responsible = item["responsible"]
    action.save()
    plan = action.plan
    if objective_refs is None:
        objective_refs = {o.pk: o for o in plan.objectives.all()}
    action.objectives.set([objective_refs[r] for r in item["objectives"] if r in objective_refs])
    partner_ids = [partner["id"] for partner in item["partners"]]
    action.partners.set(
        Stakeholder.objects.filter(municipality_id=plan.municipality_id, pk__in=partner_ids)
    )
    action.practices.set(Practice.objects.filter(slug__in=item["practices"]))
    action.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(
            action=action, item=line["item"], amount=Decimal(line["amount"]), source=line["source"]
        )
        for line in item["budget"]
    )
    action.indicators.all().delete()
    Indicator.objects.bulk_create(
        Indicator(action=action, **indicator) for indicator in item["indicators"]
    )
    return action


def snapshot_apply(plan, snapshot):
    """Replace the plan's content with ``snapshot`` (inside the caller's transaction).
    Revisions move forward so that forms opened before a restore see a conflict instead of
    overwriting it."""
    assert transaction.get_connection().in_atomic_block
    sections = {(s.key, s.language): s for s in plan.sections.select_for_update()}
    wanted = {tuple(key.split(":", 1)): body for key, body in snapshot["sections"].items()}
    for pair, section in sections.items():
        body = wanted.pop(pair, "")
        if section.body != body:
            section.body = body
            section.revision += 1
            section.save(update_fields=["body", "revision", "updated_at"])
    for (key, language), body in wanted.items():
        Section.objects.create(plan=plan, key=key, language=language, body=body, revision=1)
    # Rows keep their identity where the snapshot names them (its "ref"), so that links and
    # conflicts about them stay valid; their revision moves on, so forms opened before the
    # restore see a conflict instead of overwriting it.
    objectives = {o.pk: o for o in plan.objectives.all()}
    refs = {}
    for position, item in enumerate(snapshot["objectives"]):
        objective = objectives.pop(item["ref"], None) or Objective(plan=plan)
        objective.position, objective.text = position, item["text"]
        objective.save()
        refs[item["ref"]] = objective
    Objective.objects.filter(pk__in=list(objectives)).delete()
    actions = {a.pk: a for a in plan.actions.select_for_update()}
    top = max((a.revision for a in actions.values()), default=0)
    for position, item in enumerate(snapshot["actions"]):
        action = actions.pop(item["ref"], None) or Action(plan=plan)
        action.position = position
        action.revision = max(action.revision, top) + 1
        action_apply(action, item, objective_refs=refs)
    Action.objects.filter(pk__in=list(actions)).delete()
