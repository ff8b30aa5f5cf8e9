"""Readable differences between two versions of a plan: which sections, objectives and
actions changed, with the changed lines of text marked as added or removed."""

import difflib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from pearls.core.languages import language_name

from .sections import SECTIONS


@dataclass
class Change:
    label: str
    lines: list = field(default_factory=list)  # (op, text): op "+", "-" or " "
    note: str = ""


def _lines(before, after):
    """Changed lines with one line of context, as (op, text)."""
    result = []
    a, b = (before or "").splitlines(), (after or "").splitlines()
    for group in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_grouped_opcodes(1):
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                result += [(" ", line) for line in a[i1:i2]]
                continue
            result += [("-", line) for line in a[i1:i2]]
            result += [("+", line) for line in b[j1:j2]]
    return result


def _text(value):
    if isinstance(value, dict):
        return "\n".join(f"[{code}] {text}" for code, text in sorted(value.items()) if text)
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return str(value or "")


ACTION_FIELDS = [
    "title",
    "description",
    "tools",
    "risks",
    "start",
    "end",
    "responsible",
    "objectives",
    "domains",
    "methods",
    "target_groups",
    "dimensions",
    "partners",
    "practices",
    "budget",
    "indicators",
]


def _labels(vocabulary_name, codes):
    from pearls.catalogue import vocabulary

    return "\n".join(str(vocabulary.label(vocabulary_name, code)) for code in codes or [])


def action_text(item, name, objective_texts=None):
    """One field of an action item as readable lines: labels instead of codes, every part
    of budget lines and indicators (what is not shown cannot be chosen)."""
    from .sections import FUNDING_SOURCES, METHODS

    value = item.get(name)
    if name == "partners":
        return "\n".join(f"{p['name']} (#{p['id']})" for p in value or [])
    if name == "budget":
        return "\n".join(
            f"{b['item']}: {b['amount']} EUR ({FUNDING_SOURCES.get(b['source'], b['source'])})"
            for b in value or []
        )
    if name == "indicators":
        return "\n".join(
            f"{i['name']}: {i['baseline']} → {i['target']} {i['unit']} ({i['verification']})"
            for i in value or []
        )
    if name == "methods":
        return "\n".join(str(METHODS.get(code, code)) for code in value or [])
    if name in ("domains", "target_groups", "dimensions"):
        return _labels(name, value)
    if name == "objectives":
        texts = objective_texts or {}
        return "\n".join(str(texts.get(ref, f"#{ref}")) for ref in value or [])
    return _text(value)


def field_label(name):
    """The translated name of an action field."""
    from .forms import ActionForm

    labels = {
        "budget": _("Budget lines"),
        "indicators": _("Indicators"),
        "practices": _("Good practices drawn on"),
    }
    field = ActionForm.base_fields.get(name)
    return labels.get(name) or (field.label if field else name)


def _action_name(item):
    return next((text for text in item["title"].values() if text), "—")


def snapshots_diff(before, after):
    """[Change] from snapshot ``before`` (may be None: everything is new) to ``after``."""
    before = before or {"sections": {}, "objectives": [], "actions": []}
    changes = []
    for key, label in SECTIONS.items():
        for pair in sorted(
            {p for p in {**before["sections"], **after["sections"]} if p.split(":")[0] == key}
        ):
            old, new = before["sections"].get(pair, ""), after["sections"].get(pair, "")
            if old != new:
                language = pair.split(":")[1]
                changes.append(
                    Change(
                        _("%(section)s (%(language)s)")
                        % {"section": label, "language": language_name(language)},
                        _lines(old, new),
                    )
                )
    old = _text([_text(o["text"]) for o in before["objectives"]])
    new = _text([_text(o["text"]) for o in after["objectives"]])
    if old != new:
        changes.append(Change(_("Objectives"), _lines(old, new)))
    objective_texts = {
        o["ref"]: _text(o["text"]) for o in [*before["objectives"], *after["objectives"]]
    }
    old_actions = {a["ref"]: a for a in before["actions"]}
    new_actions = {a["ref"]: a for a in after["actions"]}
    for ref, item in new_actions.items():
        previous = old_actions.get(ref)
        if previous is None:
            changes.append(
                Change(
                    _("Action “%(title)s”") % {"title": _action_name(item)},
                    note=_("added"),
                    lines=[("+", line) for line in action_text(item, "description").splitlines()],
                )
            )
            continue
        lines = []
        for name in ACTION_FIELDS:
            a = action_text(previous, name, objective_texts)
            b = action_text(item, name, objective_texts)
            if a != b:
                lines.append((" ", f"— {field_label(name)} —"))
                lines += _lines(a, b)
        if lines:
            changes.append(Change(_("Action “%(title)s”") % {"title": _action_name(item)}, lines))
    for ref, item in old_actions.items():
        if ref not in new_actions:
            changes.append(
                Change(_("Action “%(title)s”") % {"title": _action_name(item)}, note=_("removed"))
            )
    return changes
