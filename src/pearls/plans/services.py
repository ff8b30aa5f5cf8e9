"""Writes of the plan builder. Each runs in one transaction and writes its audit entry.

Every editable row has a revision; a save names the revision it was made on. When someone
else saved in between, the person's version is kept as a ``Conflict`` and ``PlanConflict``
is raised: nothing is overwritten and nothing is lost until a team member chooses.
"""

import datetime
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pearls.core.audit import audit_record

from . import formatting, snapshot
from .models import Action, Comment, Conflict, Objective, Plan, PlanVersion, Section
from .sections import SECTIONS

VERSION_WINDOW = timedelta(minutes=10)


class PlanConflict(ValidationError):
    """Someone saved the same text first; ``conflict`` holds this person's version."""

    def __init__(self, conflict):
        super().__init__(
            _(
                "Someone else changed this while you were editing. Both versions are kept: "
                "choose what stays."
            )
        )
        self.conflict = conflict


def _editable(plan):
    if plan.is_locked:
        raise ValidationError(
            _("The plan is submitted and locked. Reopen it to make a new version.")
        )


def _lock(plan):
    """The plan's row, locked for this transaction, refusing a submitted plan. Every write
    takes it first, so writes to one plan (and its version numbers) never interleave."""
    locked = (
        Plan.objects.select_for_update().select_related("municipality", "edition").get(pk=plan.pk)
    )
    _editable(locked)
    return locked


def _version_touch(plan, actor, reason=PlanVersion.Reason.EDIT, *, fresh=False):
    """Record the plan's content in its history: one person's edits within a few minutes
    update the same version (unless ``fresh``); other reasons always make a new one."""
    data = snapshot.snapshot_of(plan)
    latest = plan.versions.order_by("-number").first()
    if (
        not fresh
        and reason == PlanVersion.Reason.EDIT
        and latest is not None
        and latest.reason == reason
        and latest.author_id == getattr(actor, "pk", None)
        and timezone.now() - latest.updated_at < VERSION_WINDOW
    ):
        latest.snapshot = data
        latest.save(update_fields=["snapshot", "updated_at"])
        return latest
    return PlanVersion.objects.create(
        plan=plan,
        number=(latest.number + 1) if latest else 1,
        reason=reason,
        snapshot=data,
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _bump(plan):
    Plan.objects.filter(pk=plan.pk).update(revision=F("revision") + 1, updated_at=timezone.now())


def _languages(languages, official_language):
    from pearls.catalogue import vocabulary

    known = set(vocabulary.languages())
    chosen = [code for code in dict.fromkeys([official_language, *languages]) if code]
    if not chosen or any(code not in known for code in chosen):
        raise ValidationError(_("Choose languages from the list."))
    return chosen


def _conflict_keep(plan, target, base_revision, theirs, actor):
    """Keep a person's version that met a newer one. Their later autosaves from the same
    stale form update the same conflict rather than piling up new ones."""
    conflict, created = Conflict.objects.update_or_create(
        plan=plan,
        target=target,
        base_revision=base_revision,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        resolved_at=None,
        defaults={"theirs": theirs},
    )
    if created:
        audit_record(action="plan.conflict", actor=actor, obj=conflict)
    return conflict


def plan_create(*, municipality, edition, title, languages, official_language="en", actor):
    """Start the municipality's plan for ``edition``, with its sections prefilled from the
    toolkit (see ``prefill``). Raises ValidationError when a plan for that edition exists."""
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the plan a title."))
    chosen = _languages(languages, official_language)
    with transaction.atomic():
        if Plan.objects.filter(municipality=municipality, edition=edition).exists():
            raise ValidationError(_("Your town already has a plan for this edition."))
        plan = Plan.objects.create(
            municipality=municipality,
            edition=edition,
            title=title,
            languages=chosen,
            official_language=chosen[0],
            created_by=actor,
        )
        from .prefill import prefill_sections

        for key, body in prefill_sections(municipality, plan.official_language).items():
            Section.objects.create(
                plan=plan, key=key, language=plan.official_language, body=body, revision=1
            )
        audit_record(action="plan.create", actor=actor, obj=plan)
        _version_touch(plan, actor)
    return plan


def plan_languages_set(*, plan, languages, official_language, actor):
    """Change the languages the plan is written in and which one is official. Texts in a
    language that is dropped are kept (they come back when the language is added again)."""
    chosen = _languages(languages, official_language)
    with transaction.atomic():
        locked = _lock(plan)
        locked.languages, locked.official_language = chosen, chosen[0]
        locked.save(update_fields=["languages", "official_language", "updated_at"])
        audit_record(action="plan.languages", actor=actor, obj=locked, changed=["languages"])
    return locked


def section_save(*, plan, key, language, body, base_revision, actor):
    """Save one section's text in one language (autosave and the Save button both come here).

    Raises ValidationError for an unknown section or language, a text over the length limit
    or a locked plan, and ``PlanConflict`` when the section changed since ``base_revision``
    (the person's text is then kept as a conflict). Returns the section.
    """
    if key not in SECTIONS or language not in plan.languages:
        raise ValidationError(_("There is no such section."))
    body = (body or "").replace("\r\n", "\n").strip()
    if len(body) > formatting.MAX_LENGTH:
        raise ValidationError(
            _("A section can hold at most %(count)s characters.") % {"count": formatting.MAX_LENGTH}
        )
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        _editable(locked)
        section, _created = Section.objects.select_for_update().get_or_create(
            plan=locked, key=key, language=language
        )
        if section.body == body:
            return section
        if section.revision != base_revision:
            # kept in this transaction, which commits: the person's text must survive
            conflict = _conflict_keep(
                locked, f"section:{key}:{language}", base_revision, {"body": body}, actor
            )
        else:
            conflict = None
            _section_write(locked, section, body, actor, key, language)
    if conflict is not None:
        raise PlanConflict(conflict)
    return section


def _section_write(locked, section, body, actor, key, language):
    section.body = body
    section.revision += 1
    section.updated_by = actor
    section.save()
    _bump(locked)
    audit_record(
        action="plan.section", actor=actor, obj=locked, details={"section": key, "lang": language}
    )
    _version_touch(locked, actor)


def objectives_save(*, plan, texts, language, actor):
    """Set the objectives' text in ``language``: ``texts`` is a list of (objective id or
    None for a new one, text). An empty text of an existing objective deletes it, unless
    it has text in another language (then only this language's text goes). Objectives not
    named in ``texts`` (added by someone else meanwhile) stay as they are."""
    with transaction.atomic():
        plan = _lock(plan)
        existing = {o.pk: o for o in plan.objectives.select_for_update()}
        position = len(existing)
        for pk, text in texts:
            text = (text or "").strip()[:500]
            if pk is None:
                if text:
                    Objective.objects.create(plan=plan, position=position, text={language: text})
                    position += 1
                continue
            objective = existing.get(pk)
            if objective is None:
                continue
            values = dict(objective.text)
            if text:
                values[language] = text
            else:
                values.pop(language, None)
            if not values:
                objective.delete()
            elif values != objective.text:
                objective.text = values
                objective.save(update_fields=["text"])
        _bump(plan)
        audit_record(action="plan.objectives", actor=actor, obj=plan)
        _version_touch(plan, actor)


def action_save(*, plan, item, base_revision, actor, action=None):
    """Create (``action`` None) or update an action from ``item`` (the shape of
    ``snapshot.action_data``, already validated by the form).

    Raises ValidationError for a locked plan and ``PlanConflict`` when the action changed
    since ``base_revision`` (the person's version is kept as a conflict).
    """
    conflict = None
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        _editable(locked)
        if action is None:
            action = Action(plan=locked, position=locked.actions.count())
        else:
            action = Action.objects.select_for_update().get(pk=action.pk, plan=locked)
        unchanged = bool(action.pk) and (
            snapshot.action_data(action) | {"ref": None} == item | {"ref": None}
        )
        if action.pk and action.revision != base_revision and not unchanged:
            # kept in this transaction, which commits: the person's version must survive
            conflict = _conflict_keep(locked, f"action:{action.pk}", base_revision, item, actor)
        elif not unchanged:
            action.revision += 1
            snapshot.action_apply(action, item)
            _bump(locked)
            audit_record(action="plan.action", actor=actor, obj=action)
            _version_touch(locked, actor)
    if conflict is not None:
        raise PlanConflict(conflict)
    return action


def action_delete(*, action, actor):
    """Remove an action (its budget lines and indicators go with it; the history keeps it)."""
    with transaction.atomic():
        plan = _lock(action.plan)
        # a version of its own with the action in it, whatever was saved just before
        _version_touch(plan, actor, fresh=True)
        audit_record(action="plan.action_delete", actor=actor, obj=action)
        action.delete()
        _bump(plan)
        _version_touch(plan, actor, fresh=True)


def practice_attach(*, action, practice, actor):
    """Record that ``action`` draws on ``practice`` (a published one). Idempotent."""
    with transaction.atomic():
        action.plan = _lock(action.plan)
        if not action.practices.filter(pk=practice.pk).exists():
            action.practices.add(practice)
            Action.objects.filter(pk=action.pk).update(revision=F("revision") + 1)
            _bump(action.plan)
            audit_record(
                action="plan.practice", actor=actor, obj=action, details={"practice": practice.slug}
            )
            _version_touch(action.plan, actor)


def practice_detach(*, action, practice, actor):
    """Remove the link between ``action`` and ``practice``. Idempotent."""
    with transaction.atomic():
        action.plan = _lock(action.plan)
        if action.practices.filter(pk=practice.pk).exists():
            action.practices.remove(practice)
            Action.objects.filter(pk=action.pk).update(revision=F("revision") + 1)
            _bump(action.plan)
            audit_record(
                action="plan.practice_detach",
                actor=actor,
                obj=action,
                details={"practice": practice.slug},
            )
            _version_touch(action.plan, actor)


class ConflictMoved(ValidationError):
    """The current version changed again while someone was settling a conflict."""


def conflict_resolve(*, conflict, values, actor, current_revision=None):
    """Settle a conflict: ``values`` is what stays (for a section {"body": text}; for an
    action an item in ``action_data``'s shape), written over the current version with a new
    revision. When the current version has moved past ``current_revision`` (the one the
    person compared with), ``ConflictMoved`` is raised and nothing is written. A conflict
    whose action was removed is simply closed. Idempotent once resolved. Raises
    ValidationError for a locked plan."""
    kind, _sep, rest = conflict.target.partition(":")
    moved = ConflictMoved(
        _("The text changed again while you were comparing. Look at the newest version.")
    )
    with transaction.atomic():
        plan = _lock(conflict.plan)
        locked = Conflict.objects.select_for_update().get(pk=conflict.pk)
        if locked.resolved_at is not None:
            return locked
        if kind == "section":
            key, language = rest.split(":")
            section, _created = Section.objects.select_for_update().get_or_create(
                plan=plan, key=key, language=language
            )
            if current_revision is not None and section.revision != current_revision:
                raise moved
            body = (values.get("body") or "").replace("\r\n", "\n").strip()
            if body != section.body:
                section.body = body[: formatting.MAX_LENGTH]
                section.revision += 1
                section.updated_by = actor
                section.save()
        else:
            action = Action.objects.select_for_update().filter(pk=int(rest), plan=plan).first()
            if action is not None:
                if current_revision is not None and action.revision != current_revision:
                    raise moved
                action.revision += 1
                snapshot.action_apply(action, values)
        locked.resolved_at = timezone.now()
        locked.resolved_by = actor
        locked.save(update_fields=["resolved_at", "resolved_by"])
        _bump(plan)
        audit_record(action="plan.conflict_resolve", actor=actor, obj=locked)
        _version_touch(plan, actor, PlanVersion.Reason.MERGE)
    return locked


def version_restore(*, plan, version, actor):
    """Put the content of an earlier version back; the current content stays in the history
    as a version of its own."""
    with transaction.atomic():
        locked = _lock(plan)
        _version_touch(locked, actor, fresh=True)
        snapshot.snapshot_apply(locked, version.snapshot)
        _bump(locked)
        audit_record(
            action="plan.restore", actor=actor, obj=locked, details={"version": version.number}
        )
        return _version_touch(locked, actor, PlanVersion.Reason.RESTORE)


def _notify_mentors(plan, text):
    """Tell the country's mentors; ``text`` is called in each one's language."""
    from pearls.accounts.models import RoleAssignment
    from pearls.core.notifications import notification_send

    for assignment in RoleAssignment.objects.filter(
        role=RoleAssignment.Role.MENTOR, country=plan.municipality.country
    ).select_related("user"):
        notification_send(user=assignment.user, text=text, url=plan.get_absolute_url())


def plan_share(*, plan, actor):
    """Share the draft with the national mentors of the country (they are notified and may
    read and comment from now on). Raises ValidationError unless the plan is a draft."""
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.state != Plan.State.DRAFT:
            raise ValidationError(_("Only a draft can be shared."))
        locked.state = Plan.State.SHARED
        locked.shared_at = timezone.now()
        locked.save(update_fields=["state", "shared_at", "updated_at"])
        audit_record(action="plan.share", actor=actor, obj=locked)
        _version_touch(locked, actor, PlanVersion.Reason.SHARE)
        town = locked.municipality.official_name
        transaction.on_commit(
            lambda: _notify_mentors(
                locked, lambda: _("%(town)s shared its action plan with you.") % {"town": town}
            )
        )
    return locked


# The plan deadline. A plan is its municipality's final application when the municipality is
# shortlisted in the plan's edition: the edition's plan deadline then closes its submission, and
# once the deadline passed (or the jury began) the submitted plan stays as it is, because the
# jury reads it. Other plans (a town practising without an application) are not bound by it.

# The phases in which the jury reads (or has read) the submitted plans.
JURY_PHASES = ("jury", "results", "title_year", "closed")


@dataclass
class Deadline:
    """An edition's plan deadline: the aware moment in the edition's time zone."""

    moment: datetime.datetime
    zone: str
    passed: bool

    @property
    def text(self):
        """The local date and time in the edition's time zone, like 15 March 2027, 23:59."""
        return date_format(self.moment, "DATETIME_FORMAT")

    @property
    def viewer(self):
        """(date and time, zone name) in the reader's current time zone, or None when it
        shows the same clock time as the edition's zone."""
        zone = timezone.get_current_timezone()
        local = self.moment.astimezone(zone)
        if local.utcoffset() == self.moment.utcoffset():
            return None
        return date_format(local, "DATETIME_FORMAT"), str(getattr(zone, "key", zone))


def plan_deadline(edition, now=None):
    """The plan deadline of ``edition`` as a Deadline (None: the edition has none). Reads the
    edition's milestones."""
    from pearls.competition.models import Milestone

    moment = edition.deadline(Milestone.Kind.PLAN_DEADLINE)
    if moment is None:
        return None
    now = now or timezone.now()
    return Deadline(moment=moment, zone=edition.time_zone, passed=now >= moment)


def plan_is_final_application(plan):
    """Whether ``plan`` is its municipality's final application: the municipality is
    shortlisted in the plan's edition. Reads one row."""
    from pearls.competition.models import Application

    return Application.objects.filter(
        edition=plan.edition_id,
        municipality=plan.municipality_id,
        status=Application.Status.SHORTLISTED,
    ).exists()


def plan_submit_blockers(plan, now=None, *, final=None):
    """Why ``plan`` cannot be submitted as the final application now: translated sentences
    (empty: it can, or it is a practice plan). ``final``: whether the plan is a final
    application, when the caller knows. Reads the edition's milestones and phase."""
    if not (plan_is_final_application(plan) if final is None else final):
        return []
    deadline = plan_deadline(plan.edition, now)
    if deadline is not None and deadline.passed:
        return [
            _(
                "The plan deadline passed on %(deadline)s (%(zone)s time); the plan can no "
                "longer be submitted as the final application."
            )
            % {"deadline": deadline.text, "zone": deadline.zone}
        ]
    if plan.edition.phase in JURY_PHASES:
        return [
            _(
                "The final selection has begun; the plan can no longer be submitted as the "
                "final application."
            )
        ]
    return []


def plan_reopen_blockers(plan, now=None, *, final=None):
    """Why the submitted ``plan`` cannot be reopened now: translated sentences (empty: it
    can). A final application stays as submitted once the plan deadline passed or the jury
    began. ``final`` as for ``plan_submit_blockers``. Reads the edition's milestones and
    phase."""
    if not (plan_is_final_application(plan) if final is None else final):
        return []
    deadline = plan_deadline(plan.edition, now)
    if deadline is not None and deadline.passed:
        return [
            _(
                "The plan deadline passed on %(deadline)s (%(zone)s time); the submitted plan "
                "is your final application and can no longer be reopened: the jury reads it."
            )
            % {"deadline": deadline.text, "zone": deadline.zone}
        ]
    if plan.edition.phase in JURY_PHASES:
        return [_("The jury is reading the submitted plan; it can no longer be reopened.")]
    return []


def plan_submit(*, plan, actor, now=None):
    """Submit the plan: it is locked and the submitted version is kept as it is.

    Raises ValidationError when the plan is its municipality's final application and the
    plan deadline passed (or the jury began; see ``plan_submit_blockers``), when a required
    readiness item is unmet or a conflict is still open; nothing changes then. Submitting a
    submitted plan again changes nothing. Audited as ``plan.submit``.
    """
    from .readiness import readiness_of

    with transaction.atomic():
        locked = (
            Plan.objects.select_for_update()
            .select_related("municipality", "edition")
            .get(pk=plan.pk)
        )
        if locked.is_locked:
            return locked
        blockers = plan_submit_blockers(locked, now)
        if blockers:
            raise ValidationError(blockers, code="deadline")
        if locked.conflicts.filter(resolved_at__isnull=True).exists():
            raise ValidationError(_("Settle the open edit conflicts before you submit."))
        missing = [item for item in readiness_of(locked).items if item.required and not item.met]
        if missing:
            raise ValidationError(
                _("Before you submit: %(items)s")
                % {"items": "; ".join(str(item.label) for item in missing)}
            )
        locked.state = Plan.State.SUBMITTED
        locked.submitted_at = now or timezone.now()
        locked.submitted_version = _version_touch(locked, actor, PlanVersion.Reason.SUBMIT)
        locked.save(update_fields=["state", "submitted_at", "submitted_version", "updated_at"])
        audit_record(action="plan.submit", actor=actor, obj=locked)
    return locked


def plan_reopen(*, plan, actor, now=None):
    """Edit a submitted plan again: it goes back to shared (or draft if never shared); the
    submitted version stays recorded as submitted.

    Raises ValidationError unless the plan is submitted, and when it is its municipality's
    final application and the plan deadline passed or the jury began (see
    ``plan_reopen_blockers``); nothing changes then. Audited as ``plan.reopen``."""
    with transaction.atomic():
        locked = (
            Plan.objects.select_for_update()
            .select_related("municipality", "edition")
            .get(pk=plan.pk)
        )
        if locked.state != Plan.State.SUBMITTED:
            raise ValidationError(_("Only a submitted plan can be reopened."))
        blockers = plan_reopen_blockers(locked, now)
        if blockers:
            raise ValidationError(blockers, code="deadline")
        locked.state = Plan.State.SHARED if locked.shared_at else Plan.State.DRAFT
        locked.save(update_fields=["state", "updated_at"])
        audit_record(action="plan.reopen", actor=actor, obj=locked)
    return locked


def plan_implementation_start(*, plan, actor):
    """The title is awarded: the submitted plan becomes the plan in implementation."""
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.state != Plan.State.SUBMITTED:
            raise ValidationError(_("Only a submitted plan can go into implementation."))
        locked.state = Plan.State.IMPLEMENTATION
        locked.save(update_fields=["state", "updated_at"])
        audit_record(action="plan.implementation", actor=actor, obj=locked)
    return locked


def comment_add(*, plan, section, body, actor, parent=None):
    """Comment on a section (or reply in a thread). Replying to a resolved thread reopens
    it. Raises ValidationError for an empty comment or an unknown section."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a comment first."))
    if section not in SECTIONS:
        raise ValidationError(_("There is no such section."))
    if len(body) > 5000:
        raise ValidationError(_("A comment can hold at most 5,000 characters."))
    with transaction.atomic():
        if parent is not None:
            parent = parent.parent or parent
            section = parent.section
            if parent.resolved_at is not None:
                parent.resolved_at, parent.resolved_by = None, None
                parent.save(update_fields=["resolved_at", "resolved_by"])
        comment = Comment.objects.create(
            plan=plan, section=section, parent=parent, author=actor, body=body
        )
        audit_record(action="plan.comment", actor=actor, obj=comment)
    return comment


def comment_resolve(*, comment, actor):
    """Mark a thread resolved (idempotent)."""
    thread = comment.parent or comment
    with transaction.atomic():
        if thread.resolved_at is None:
            thread.resolved_at, thread.resolved_by = timezone.now(), actor
            thread.save(update_fields=["resolved_at", "resolved_by"])
            audit_record(action="plan.comment_resolve", actor=actor, obj=thread)
    return thread


def comment_reopen(*, comment, actor):
    """Open a resolved thread again (idempotent)."""
    thread = comment.parent or comment
    with transaction.atomic():
        if thread.resolved_at is not None:
            thread.resolved_at, thread.resolved_by = None, None
            thread.save(update_fields=["resolved_at", "resolved_by"])
            audit_record(action="plan.comment_reopen", actor=actor, obj=thread)
    return thread
