"""Writes of the ecosystem map. Each runs in one transaction, writes its audit entry and raises
ValidationError (translated) without changing anything when the input is refused.

Audit entries name the changed fields only: contact persons and e-mail addresses are personal
data and stay out of the log.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pearls.catalogue import vocabulary
from pearls.core.audit import audit_record

from . import importing
from .exporting import COLUMNS
from .models import CulturalAsset, Relationship, Stakeholder

STAKEHOLDER_FIELDS = COLUMNS["stakeholders"]
ASSET_FIELDS = COLUMNS["assets"]
MAX_REPORTED_ERRORS = 30
# Fields the model checks itself; the municipality and author are set by the service.
NOT_CLEANED = ["municipality", "created_by"]


# -- shared helpers ---------------------------------------------------------------------------


def _apply(instance, values, fields):
    """Set ``values`` (only known ``fields``) on ``instance``; the names of those that changed."""
    changed = []
    for name in fields:
        if name not in values:
            continue
        value = values[name]
        if isinstance(value, str):
            value = value.strip()
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _model_errors(instance):
    """Field errors of the model's own checks, as {field: [messages]} (empty when valid)."""
    try:
        instance.full_clean(exclude=NOT_CLEANED, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return {field: list(messages) for field, messages in error.message_dict.items()}
    return {}


def _stakeholder_errors(stakeholder, *, check_name=True):
    errors = _model_errors(stakeholder)
    if stakeholder.organisation_type and stakeholder.organisation_type not in vocabulary.codes(
        "organisation_types"
    ):
        errors.setdefault("organisation_type", []).append(
            _("Choose an organisation type from the list.")
        )
    name_taken = check_name and (
        Stakeholder.objects.filter(
            municipality_id=stakeholder.municipality_id, name__iexact=stakeholder.name
        )
        .exclude(pk=stakeholder.pk)
        .exists()
    )
    if check_name and stakeholder.name and name_taken:
        errors.setdefault("name", []).append(
            _("A stakeholder with this name is already on the map. Edit that one instead.")
        )
    return errors


def _asset_errors(asset, *, check_name=True):
    errors = _model_errors(asset)
    if (asset.latitude is None) != (asset.longitude is None):
        errors.setdefault("longitude" if asset.longitude is None else "latitude", []).append(
            _("Give both latitude and longitude, or neither.")
        )
    name_taken = check_name and (
        CulturalAsset.objects.filter(municipality_id=asset.municipality_id, name__iexact=asset.name)
        .exclude(pk=asset.pk)
        .exists()
    )
    if check_name and asset.name and name_taken:
        errors.setdefault("name", []).append(
            _("A cultural asset with this name is already on the map. Edit that one instead.")
        )
    return errors


def _stakeholder_messages():
    return {
        "gone": _("This stakeholder was deleted meanwhile."),
        "conflict": _(
            "Someone else changed this stakeholder while you were editing it. Nothing is lost: "
            "your changes are still in the form, and the values saved now are shown beside it. "
            "Check them and save again."
        ),
    }


def _asset_messages():
    return {
        "gone": _("This cultural asset was deleted meanwhile."),
        "conflict": _(
            "Someone else changed this cultural asset while you were editing it. Nothing is "
            "lost: your changes are still in the form, and the values saved now are shown "
            "beside it. Check them and save again."
        ),
    }


def _save(
    model, *, noun, municipality, values, actor, fields, errors_of, record, loaded_at, messages
):
    """Create (``record`` None) or update one stakeholder or asset; see stakeholder_save."""
    with transaction.atomic():
        if record is None:
            target = model(municipality=municipality, created_by=actor)
        else:
            target = (
                model.objects.select_for_update()
                .filter(pk=record.pk, municipality=municipality)
                .first()
            )
            if target is None:
                raise ValidationError(messages["gone"], code="gone")
            if loaded_at is not None and target.updated_at != loaded_at:
                raise ValidationError(messages["conflict"], code="conflict")
        changed = _apply(target, values, fields)
        errors = errors_of(target)
        if errors:
            raise ValidationError(errors)
        if record is None:
            target.save()
            audit_record(action=f"{noun}.create", actor=actor, obj=target, changed=changed)
        elif changed:
            target.save()
            audit_record(action=f"{noun}.update", actor=actor, obj=target, changed=changed)
    return target


# -- stakeholders and assets ------------------------------------------------------------------


def stakeholder_save(*, municipality, values, actor, stakeholder=None, loaded_at=None):
    """Add a stakeholder to ``municipality``'s map (``stakeholder`` None) or change one.

    ``values`` maps field names (the CSV columns) to new values; missing keys keep what is
    there. ``loaded_at`` is the ``updated_at`` the edit form was loaded with: when the record
    changed since, nothing is saved and ValidationError (code "conflict") is raised, so one
    person does not silently overwrite another's work. Saving unchanged values writes nothing.

    Raises ValidationError with field errors (a dict) for invalid values, an unknown
    organisation type or a name already on the map. Audit: stakeholder.create/update.
    """
    return _save(
        Stakeholder,
        noun="stakeholder",
        municipality=municipality,
        values=values,
        actor=actor,
        fields=STAKEHOLDER_FIELDS,
        errors_of=_stakeholder_errors,
        record=stakeholder,
        loaded_at=loaded_at,
        messages=_stakeholder_messages(),
    )


def stakeholder_delete(*, stakeholder, actor):
    """Remove a stakeholder and its relationships. Audit: stakeholder.delete."""
    with transaction.atomic():
        pk = stakeholder.pk
        ties = Relationship.objects.filter(stakeholder=stakeholder).count()
        ties += Relationship.objects.filter(other=stakeholder).count()
        stakeholder.delete()
        audit_record(
            action="stakeholder.delete",
            actor=actor,
            object_type="ecosystem.stakeholder",
            object_id=str(pk),
            details={"relationships": ties},
        )


def asset_save(*, municipality, values, actor, asset=None, loaded_at=None):
    """Add a cultural asset (``asset`` None) or change one; the same rules as
    ``stakeholder_save``. Latitude and longitude come together or not at all. Audit:
    asset.create/update."""
    return _save(
        CulturalAsset,
        noun="asset",
        municipality=municipality,
        values=values,
        actor=actor,
        fields=ASSET_FIELDS,
        errors_of=_asset_errors,
        record=asset,
        loaded_at=loaded_at,
        messages=_asset_messages(),
    )


def asset_delete(*, asset, actor):
    """Remove a cultural asset and the relationships to it. Audit: asset.delete."""
    with transaction.atomic():
        pk = asset.pk
        ties = Relationship.objects.filter(asset=asset).count()
        asset.delete()
        audit_record(
            action="asset.delete",
            actor=actor,
            object_type="ecosystem.culturalasset",
            object_id=str(pk),
            details={"relationships": ties},
        )


# -- relationships ----------------------------------------------------------------------------


def relationship_add(*, municipality, stakeholder, kind, actor, asset=None, other=None, note=""):
    """Record that ``stakeholder`` owns, uses, supports or works with ``asset`` or ``other``
    (another stakeholder). Exactly one target; all of ``municipality``.

    Raises ValidationError for a missing or double target, a stakeholder related to itself,
    another municipality's record, an unknown kind or a relationship already recorded.
    Audit: relationship.add.
    """
    if (asset is None) == (other is None):
        raise ValidationError(_("Choose one cultural asset or one other stakeholder."))
    if kind not in Relationship.Kind.values:
        raise ValidationError(_("Choose the kind of relationship from the list."))
    target = asset or other
    if stakeholder.municipality_id != municipality.pk or target.municipality_id != municipality.pk:
        raise ValidationError(
            _("Both sides of a relationship must be on the map of the same municipality.")
        )
    if other is not None and other.pk == stakeholder.pk:
        raise ValidationError(_("A stakeholder cannot have a relationship with itself."))
    note = (note or "").strip()
    with transaction.atomic():
        if Relationship.objects.filter(
            stakeholder=stakeholder, kind=kind, asset=asset, other=other
        ).exists():
            raise ValidationError(_("This relationship is already recorded."))
        relationship = Relationship(
            municipality=municipality,
            stakeholder=stakeholder,
            kind=kind,
            asset=asset,
            other=other,
            note=note,
        )
        errors = _model_errors(relationship)
        if errors:
            raise ValidationError(errors)
        relationship.save()
        audit_record(
            action="relationship.add",
            actor=actor,
            obj=relationship,
            details={"kind": kind, "target": "asset" if asset else "stakeholder"},
        )
    return relationship


def relationship_delete(*, relationship, actor):
    """Remove one relationship. Audit: relationship.delete."""
    with transaction.atomic():
        pk = relationship.pk
        relationship.delete()
        audit_record(
            action="relationship.delete",
            actor=actor,
            object_type="ecosystem.relationship",
            object_id=str(pk),
        )


# -- CSV import -------------------------------------------------------------------------------


@dataclass
class ImportResult:
    kind: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self):
        return self.created + self.updated + self.unchanged


def ecosystem_import(*, municipality, kind, file, actor):
    """Import stakeholders (``kind`` "stakeholders") or cultural assets ("assets") from a CSV
    file whose first row names the columns with the export's codes.

    Accepts UTF-8 with or without byte-order mark, separated by ``,`` or ``;``. A row whose
    name is already on the map updates that record; importing the same file twice changes
    nothing the second time. Organisation types, sectors and kinds are codes (English labels
    and labels in the reader's language are accepted too); empty cells of influence and interest
    keep the current value (3 for a new stakeholder).

    All or nothing: every row is checked first; when any is wrong, ValidationError lists the
    problems by row number and nothing is saved. Files over 1 MB or 2,000 rows are refused.
    Audit: one stakeholder/asset create or update entry per changed record, and ecosystem.import.
    Returns an ``ImportResult``.
    """
    if kind not in COLUMNS:
        raise ValidationError(_("Choose what the file holds: stakeholders or cultural assets."))
    rows = importing.read_rows(file, kind)
    if not rows:
        raise ValidationError(_("The file has a header row but no data rows."))
    # One transaction from the first read to the last write: what was checked is what is saved.
    with transaction.atomic():
        return _import_rows(municipality=municipality, kind=kind, rows=rows, actor=actor)


def _import_rows(*, municipality, kind, rows, actor):
    model, fields, errors_of = (
        (Stakeholder, STAKEHOLDER_FIELDS, _stakeholder_errors)
        if kind == "stakeholders"
        else (CulturalAsset, ASSET_FIELDS, _asset_errors)
    )
    options = importing.choice_options()
    existing = {
        record.name.casefold(): record for record in model.objects.filter(municipality=municipality)
    }
    problems, plan, seen = [], [], {}
    for number, cells in rows:
        name = cells["name"]
        row_problems = []
        if not name:
            row_problems.append(_("Row %(row)s: the name is empty.") % {"row": number})
        elif name.casefold() in seen:
            row_problems.append(
                _("Row %(row)s: “%(name)s” is also in row %(first)s.")
                % {"row": number, "name": name, "first": seen[name.casefold()]}
            )
        seen.setdefault(name.casefold(), number)
        values = {}
        for column, raw in cells.items():
            value, problem = importing.convert(column, raw, options)
            if problem:
                row_problems.append(
                    _("Row %(row)s, column %(column)s: %(problem)s")
                    % {"row": number, "column": column, "problem": problem}
                )
            elif value is not None or column in ("latitude", "longitude"):
                values[column] = value
        record = existing.get(name.casefold())
        if record is None:
            record = model(municipality=municipality, created_by=actor)
        values["name"] = record.name if record.pk else name  # keep the stored spelling
        changed = _apply(record, values, fields)
        if not row_problems:
            # names were matched to the stored records above: no "already on the map" check
            for column, messages in errors_of(record, check_name=False).items():
                for message in messages:
                    row_problems.append(
                        _("Row %(row)s, column %(column)s: %(problem)s")
                        % {"row": number, "column": column, "problem": message}
                    )
        problems.extend(row_problems)
        plan.append((record, changed))
    if problems:
        shown = problems[:MAX_REPORTED_ERRORS]
        if len(problems) > MAX_REPORTED_ERRORS:
            shown.append(
                _("… and %(count)s more problems.") % {"count": len(problems) - MAX_REPORTED_ERRORS}
            )
        raise ValidationError(shown)
    result = ImportResult(kind=kind)
    noun = "stakeholder" if kind == "stakeholders" else "asset"
    with transaction.atomic():
        for record, changed in plan:
            if record.pk is None:
                record.save()
                result.created += 1
                action = f"{noun}.create"
            elif changed:
                record.save()
                result.updated += 1
                action = f"{noun}.update"
            else:
                result.unchanged += 1
                continue
            audit_record(
                action=action, actor=actor, obj=record, changed=changed, details={"via": "import"}
            )
        audit_record(
            action="ecosystem.import",
            actor=actor,
            obj=municipality,
            details={
                "kind": kind,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
    return result


def parse_loaded_at(value):
    """The ``updated_at`` an edit form carries, or None when absent or unreadable."""
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
