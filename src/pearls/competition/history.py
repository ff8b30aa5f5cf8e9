"""A municipality's record across editions, and the hand-over to the development phase.

Reads only. ``earlier_applications`` lists what a town sent to earlier editions with the
outcome and the feedback it may read; ``answers_changed`` compares its answers with the last
time it applied; ``development_of`` says where a shortlisted application stands with its
action plan (the plan deadline, the plan's state and readiness, what comes next).

What each reader sees is decided here, in one place:

- the committee's pre-selection comments reach the applicant only once the edition's decision
  is published, per criterion and without the scorers' names (``feedback=True``);
- the committee and the jury see an earlier application's outcome and how the answers changed,
  never the earlier scores or comments (``feedback=False``).
"""

import difflib
import re
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from .models import Application, ApplicationFile, Criterion, Question, Score, ScoreSheet
from .preselection import PLAN_SUBMITTED

Status = Application.Status


# Earlier applications


@dataclass
class Record:
    """One application as its town's record shows it: the outcome and the feedback.

    ``letter``: the feedback letter of the final selection exists (the decision is published
    and jurors submitted their sheets). ``comments``: [(criterion label, [comment])], the
    committee's pre-selection comments, only with a published decision, only when no letter
    exists, and only when feedback was asked for."""

    application: Application
    year: int
    edition_name: str
    status: str
    shortlisted: bool
    published: bool
    pearl: bool = False
    extra: bool = False
    letter: bool = False
    comments: list = field(default_factory=list)

    @property
    def outcome(self):
        """One of: pearl; finalist (shortlisted, decided, no title); shortlisted (not decided
        yet); not_shortlisted; withdrawn; applied (decided, no title, the shortlist not
        recorded: imported history); submitted (not decided yet)."""
        if self.pearl:
            return "pearl"
        if self.shortlisted:
            return "finalist" if self.published else "shortlisted"
        if self.status in (Status.NOT_SHORTLISTED, Status.WITHDRAWN):
            return self.status
        return "applied" if self.published else "submitted"

    @property
    def outcome_label(self):
        return {
            "pearl": _("Cultural Pearl, extra title") if self.extra else _("Cultural Pearl"),
            "finalist": _("Shortlisted, no title"),
            "shortlisted": _("Shortlisted"),
            "not_shortlisted": _("Not shortlisted"),
            "withdrawn": _("Withdrawn"),
            "applied": _("Applied, no title"),
            "submitted": _("Submitted, not decided yet"),
        }[self.outcome]


def _records(applications, *, feedback):
    """[Record] of the ``applications`` queryset: one query, and one more for the comments
    when ``feedback`` is asked for and a decision is published."""
    final_sheets = ScoreSheet.objects.filter(
        application=OuterRef("pk"), stage=Criterion.Stage.FINAL, submitted_at__isnull=False
    )
    rows = list(
        applications.select_related("edition", "edition__decision", "municipality", "award")
        .annotate(final_scored=Exists(final_sheets))
        .order_by("-edition__title_year")
    )
    records = []
    for application in rows:
        decision = getattr(application.edition, "decision", None)
        published = decision is not None and decision.published_at is not None
        award = getattr(application, "award", None)
        pearl = published and award is not None and award.decision_id == decision.pk
        records.append(
            Record(
                application=application,
                year=application.edition.title_year,
                edition_name=application.edition.name,
                status=application.status,
                shortlisted=application.status == Status.SHORTLISTED,
                published=published,
                pearl=pearl,
                extra=pearl and award.extra,
                letter=published and application.final_scored,
            )
        )
    if feedback:
        _comments_attach([r for r in records if r.published and not r.letter])
    return records


def _comments_attach(records):
    """Give each record the comments of its submitted pre-selection sheets, per criterion in
    the criteria's order, without who wrote them."""
    if not records:
        return
    by_id = {record.application.pk: record for record in records}
    found = (
        Score.objects.filter(
            sheet__application__in=list(by_id),
            sheet__stage=Criterion.Stage.PRE_SELECTION,
            sheet__submitted_at__isnull=False,
        )
        .exclude(comment="")
        .order_by("sheet__application", "criterion__position", "criterion__pk", "sheet__pk")
        .values_list("sheet__application", "criterion__pk", "criterion__label", "comment")
    )
    grouped = {}
    for application_id, criterion_id, label, comment in found:
        per_criterion = grouped.setdefault(application_id, {})
        per_criterion.setdefault(criterion_id, (label, []))[1].append(comment)
    for application_id, per_criterion in grouped.items():
        by_id[application_id].comments = list(per_criterion.values())


def earlier_applications(municipality, before_edition, *, feedback=True):
    """[Record] of ``municipality``'s applications to editions before ``before_edition``
    (drafts never sent are left out), the latest first. With ``feedback`` (the town's own
    pages) each record carries the committee's anonymous comments once its edition's decision
    is published; without (the committee's and the jury's pages) it carries none. Two
    queries at most, however many editions."""
    applications = Application.objects.filter(
        municipality=municipality, edition__title_year__lt=before_edition.title_year
    ).exclude(status=Status.DRAFT)
    return _records(applications, feedback=feedback)


def application_record(application, *, feedback=True):
    """The Record of ``application`` itself (outcome, letter, comments as for
    ``earlier_applications``). Two queries at most."""
    return _records(Application.objects.filter(pk=application.pk), feedback=feedback)[0]


# What changed since the last application


@dataclass
class AnswerChange:
    """One question compared with the last application. ``state``: "new", "unchanged",
    "changed" or "removed"; ``segments``: [(op, text)] of a changed answer, op " " (kept),
    "-" (removed), "+" (added)."""

    key: str
    label: str
    state: str
    before: str = ""
    after: str = ""
    segments: list = field(default_factory=list)
    added: int = 0
    removed: int = 0


@dataclass
class AnswersComparison:
    """The answers of an application compared with the same town's ``since`` application."""

    since: Application
    changes: list = field(default_factory=list)

    @property
    def year(self):
        return self.since.edition.title_year

    def count(self, state):
        return sum(1 for change in self.changes if change.state == state)

    @property
    def changed(self):
        return self.count("changed")

    @property
    def new(self):
        return self.count("new")

    @property
    def removed(self):
        return self.count("removed")

    @property
    def unchanged(self):
        return self.count("unchanged")

    @property
    def differences(self):
        """The changes other than "unchanged", in question order."""
        return [change for change in self.changes if change.state != "unchanged"]

    @property
    def unchanged_labels(self):
        return [change.label for change in self.changes if change.state == "unchanged"]


# Words with the spaces that follow them: the spaces (line breaks too) survive the diff.
_WORD = re.compile(r"\S+\s*")
CONTEXT = 8  # words kept around each change; longer unchanged stretches are shortened


def _kept(tokens, *, first, last):
    """An unchanged stretch, shortened to a few words next to the changes around it."""
    if first and last:
        return "".join(tokens)
    if first:
        return ("… " if len(tokens) > CONTEXT else "") + "".join(tokens[-CONTEXT:])
    if last:
        return "".join(tokens[:CONTEXT]) + ("…" if len(tokens) > CONTEXT else "")
    if len(tokens) <= 2 * CONTEXT:
        return "".join(tokens)
    return "".join(tokens[:CONTEXT]) + "… " + "".join(tokens[-CONTEXT:])


def words_diff(before, after):
    """(segments, words added, words removed) from text ``before`` to text ``after``: the
    changed words marked "+" or "-", the unchanged stretches between them kept as " " and
    shortened to a few words around each change."""
    a, b = _WORD.findall(before or ""), _WORD.findall(after or "")
    matcher = difflib.SequenceMatcher(
        a=[t.strip() for t in a], b=[t.strip() for t in b], autojunk=False
    )
    codes = matcher.get_opcodes()
    segments, added, removed = [], 0, 0
    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":  # as written now, its line breaks included
            text = _kept(b[j1:j2], first=index == 0, last=index == len(codes) - 1)
            segments.append((" ", text))
            continue
        if i2 > i1:
            gone = "".join(a[i1:i2])
            # a word replaced at the very end keeps a space before its replacement
            if j2 > j1 and not gone[-1].isspace():
                gone += " "
            segments.append(("-", gone))
            removed += i2 - i1
        if j2 > j1:
            segments.append(("+", "".join(b[j1:j2])))
            added += j2 - j1
    return segments, added, removed


def _answer_text(question_kind, value, file_name):
    if question_kind == Question.Kind.FILE:
        return file_name or ""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return str(value).strip()


def previous_application(application):
    """The same town's most recent application to an earlier edition that it sent (None:
    it never applied before)."""
    return (
        Application.objects.filter(
            municipality=application.municipality_id,
            edition__title_year__lt=application.edition.title_year,
        )
        .exclude(status=Status.DRAFT)
        .select_related("edition")
        .order_by("-edition__title_year")
        .first()
    )


def answers_changed(application):
    """An AnswersComparison of ``application``'s answers with its town's previous application
    (None: none), question by question, by question code: the current edition's questions in
    their order (labelled as asked now), then the questions asked last time only. Files are
    compared by their names. Four queries."""
    since = previous_application(application)
    if since is None:
        return None
    questions = list(application.edition.questions.all())
    earlier_questions = list(since.edition.questions.all())
    files = {}
    for attached in ApplicationFile.objects.filter(application__in=[application, since]):
        files[(attached.application_id, attached.question)] = attached.name
    # asked now, in today's order and words; then asked last time only
    asked = {q.key: q for q in earlier_questions}
    asked.update({q.key: q for q in questions})
    keys = [q.key for q in questions]
    keys += [q.key for q in earlier_questions if q.key not in keys]
    comparison = AnswersComparison(since=since)
    for key in keys:
        question = asked[key]
        before = _answer_text(question.kind, since.answers.get(key), files.get((since.pk, key)))
        after = _answer_text(
            question.kind, application.answers.get(key), files.get((application.pk, key))
        )
        if not before and not after:
            continue
        change = AnswerChange(key=key, label=question.label, state="", before=before, after=after)
        if not before:
            change.state = "new"
        elif not after:
            change.state = "removed"
        elif before == after:
            change.state = "unchanged"
        else:
            change.state = "changed"
            change.segments, change.added, change.removed = words_diff(before, after)
        comparison.changes.append(change)
    return comparison


# The development phase


@dataclass
class Development:
    """Where a shortlisted application stands with its action plan.

    ``deadline``: the edition's plan deadline (``plans.services.Deadline``, None: not set).
    ``readiness``: (required checks met, required checks) of the plan (None: no plan yet).
    ``closed``: the plan can no longer be submitted as the final application (the deadline
    passed or the jury began) and it was not submitted."""

    plan: object = None
    deadline: object = None
    readiness: tuple | None = None
    submitted: bool = False
    closed: bool = False


def development_of(application, now=None):
    """The Development of the shortlisted ``application`` (None for any other status): its
    town's plan for the edition, the plan deadline in the edition's time zone, the plan's
    readiness. Reads the plan, the milestones and, with a plan not submitted yet, the plan's
    content for its readiness."""
    from pearls.plans.models import Plan
    from pearls.plans.readiness import readiness_of
    from pearls.plans.services import JURY_PHASES, plan_deadline, plan_submit_blockers

    if application.status != Status.SHORTLISTED:
        return None
    if (application.eligibility or {}).get("imported"):
        # a record imported from the programme's history: its plan was never on this platform
        return None
    plan = (
        Plan.objects.filter(municipality=application.municipality_id, edition=application.edition)
        .select_related("municipality", "edition")
        .first()
    )
    found = Development(plan=plan, deadline=plan_deadline(application.edition, now))
    if plan is None:
        found.closed = bool(
            (found.deadline and found.deadline.passed) or application.edition.phase in JURY_PHASES
        )
        return found
    found.submitted = plan.state in PLAN_SUBMITTED
    if not found.submitted:
        plan.edition = application.edition  # its milestones are read already
        found.closed = bool(plan_submit_blockers(plan, now, final=True))
        items = [item for item in readiness_of(plan).items if item.required]
        found.readiness = (sum(1 for item in items if item.met), len(items))
    return found
