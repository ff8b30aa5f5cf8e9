"""The title competition's yearly editions and the rules each one sets.

Everything that changed between real editions is data of the edition: its criteria per stage
(label, guidance, weight, scale), the award rule (number of titles, maximum per country, the
optional extra title and whether the country rule applies to it, the tie threshold), the
seed-money limit, the eligibility rules and the deadlines. Deadlines are kept as a local date
and time plus the edition's named time zone, so "23:59 in Gdańsk" stays 23:59 in Gdańsk
whatever daylight-saving does.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def _valid_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(zone)s is not a known time zone."), params={"zone": value})


class Edition(models.Model):
    """One yearly edition of the Cultural Pearls title."""

    class Phase(models.TextChoices):
        PREPARATION = "preparation", _("In preparation")
        CALL = "call", _("Call for applications open")
        PRE_SELECTION = "pre_selection", _("Pre-selection")
        DEVELOPMENT = "development", _("Development phase")
        JURY = "jury", _("Final selection by the jury")
        RESULTS = "results", _("Results announced")
        TITLE_YEAR = "title_year", _("Title year")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=120)
    title_year = models.PositiveSmallIntegerField(_("title year"), unique=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Warsaw", validators=[_valid_time_zone]
    )
    phase = models.CharField(
        _("current phase"), max_length=20, choices=Phase.choices, default=Phase.PREPARATION
    )
    seed_money_max = models.PositiveIntegerField(
        _("seed money per title, at most (EUR)"), default=5000
    )
    titles = models.PositiveSmallIntegerField(
        _("number of titles"), default=3, validators=[MinValueValidator(1)]
    )
    max_per_country = models.PositiveSmallIntegerField(
        _("titles per country, at most"),
        null=True,
        blank=True,
        default=1,
        help_text=_("Empty: no limit. A joint application counts for its lead partner's country."),
    )
    extra_title = models.BooleanField(
        _("the jury may award one extra title"),
        default=True,
        help_text=_("When scores are tight or a plan is exceptional."),
    )
    extra_title_country_rule = models.BooleanField(
        _("the country limit applies to the extra title"), default=False
    )
    tie_threshold = models.DecimalField(
        _("close-call threshold (points of the weighted score)"),
        max_digits=4,
        decimal_places=2,
        default=0.25,
        validators=[MinValueValidator(0)],
    )
    # Empty: the programme's default rules (competition.eligibility.RULES_DEFAULT).
    eligibility_rules = models.JSONField(_("eligibility rules"), default=dict, blank=True)
    # The juror who chairs the jury: sees the results view beside the secretariat.
    jury_chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chair of the jury"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-title_year"]

    def __str__(self):
        return self.name

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def deadline(self, kind):
        """The aware moment of the milestone ``kind`` (None when the edition has none)."""
        found = next((m for m in self.milestones.all() if m.kind == kind), None)
        return found.moment if found else None


class Milestone(models.Model):
    """A date of the edition's calendar: the call opens, a deadline, the results."""

    class Kind(models.TextChoices):
        CALL_OPENS = "call_opens", _("Call for applications opens")
        APPLICATION_DEADLINE = "application_deadline", _("Application deadline")
        PRE_SELECTION_ENDS = "pre_selection_ends", _("Pre-selection decided")
        PLAN_DEADLINE = "plan_deadline", _("Plan deadline")
        JURY_DEADLINE = "jury_deadline", _("Jury scoring deadline")
        RESULTS = "results", _("Results announced")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("milestone"), max_length=24, choices=Kind.choices)
    local_date = models.DateField(_("date"))
    local_time = models.TimeField(_("time"), default=datetime.time(23, 59))

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["local_date", "local_time"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="one_milestone_per_kind")
        ]

    def __str__(self):
        return f"{self.edition} · {self.get_kind_display()}"

    @property
    def moment(self):
        """The aware date-time in the edition's time zone."""
        return datetime.datetime.combine(self.local_date, self.local_time, tzinfo=self.edition.zone)


class Criterion(models.Model):
    """One criterion of a selection stage, with its weight and scale."""

    class Stage(models.TextChoices):
        PRE_SELECTION = "pre_selection", _("Pre-selection")
        FINAL = "final", _("Final selection")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="criteria")
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("criterion"), max_length=250)
    guidance = models.TextField(_("guidance for scorers"), blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, default=1, validators=[MinValueValidator(0.01)]
    )
    scale_min = models.SmallIntegerField(_("lowest score"), default=1)
    scale_max = models.SmallIntegerField(
        _("highest score"), default=10, validators=[MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["stage", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "stage", "code"], name="one_criterion_code_per_stage"
            ),
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")),
                name="criterion_scale_is_a_range",
            ),
        ]

    def __str__(self):
        return self.label


class Question(models.Model):
    """One question of an edition's application form, set by the secretariat."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("One choice")
        CHOICES = "choices", _("Several choices")
        NUMBER = "number", _("Number")
        DATE = "date", _("Date")
        FILE = "file", _("File upload")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("question"), max_length=400)
    help = models.TextField(_("guidance for applicants"), blank=True)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=True)
    word_limit = models.PositiveIntegerField(_("word limit"), null=True, blank=True)
    # one option per line, for choices
    options = models.TextField(_("options (one per line)"), blank=True)
    file_types = models.CharField(
        _("allowed file types"),
        max_length=100,
        blank=True,
        default="pdf",
        help_text=_("File name endings separated by commas, for example pdf, jpg, png."),
    )
    max_size_mb = models.PositiveSmallIntegerField(_("largest file (MB)"), default=10)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("application question")
        verbose_name_plural = _("application questions")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="one_question_key_per_edition")
        ]

    def __str__(self):
        return self.label

    @property
    def option_list(self):
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    @property
    def file_type_list(self):
        return [t.strip().lower().lstrip(".") for t in self.file_types.split(",") if t.strip()]


def _upload_to(instance, filename):
    import uuid

    return f"applications/{instance.application.edition.title_year}/{uuid.uuid4().hex}/{filename}"


class Application(models.Model):
    """A municipality's (or a joint applicant's) application to an edition, in English."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        NOT_SHORTLISTED = "not_shortlisted", _("Not shortlisted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="applications")
    municipality = models.ForeignKey(
        "accounts.Municipality", on_delete=models.PROTECT, related_name="applications"
    )
    partnership = models.ForeignKey(
        "accounts.Partnership",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    answers = models.JSONField(_("answers"), default=dict)
    revision = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # the eligibility check as it stood at submission, and the secretariat's override
    eligibility = models.JSONField(_("eligibility"), default=dict, blank=True)
    eligibility_override = models.BooleanField(_("eligible by decision"), null=True, blank=True)
    override_reason = models.TextField(_("reason for the decision"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["edition", "municipality__official_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "municipality"], name="one_application_per_edition"
            )
        ]

    def __str__(self):
        return f"{self.municipality} · {self.edition}"


class ApplicationFile(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    question = models.SlugField(max_length=40)
    file = models.FileField(upload_to=_upload_to)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("application file")
        verbose_name_plural = _("application files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name


# Scoring by the selection committee (pre-selection) and, later, the jury (final stage). The
# rows are per scorer: two scorers never write the same row, so their saves cannot collide.


class ConflictOfInterest(models.Model):
    """A scorer's declaration that they must not score an application at a stage.

    A conflicted scorer neither sees nor scores the application; the reason is kept for the
    secretariat and never copied to the audit log."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="conflicts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts"
    )
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    stage = models.CharField(_("stage"), max_length=16, choices=Criterion.Stage.choices)
    reason = models.TextField(_("reason"), blank=True)
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["declared_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "application", "stage"], name="one_conflict_per_scorer_stage"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.application}"


class ScoreSheet(models.Model):
    """One scorer's sheet for one application at one stage; submitted sheets are final."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="score_sheets"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="score_sheets"
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Criterion.Stage.choices)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "user", "stage"], name="one_sheet_per_scorer_stage"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.application} · {self.stage}"

    @property
    def submitted(self):
        return self.submitted_at is not None


class Score(models.Model):
    """One criterion's value on a score sheet, with the scorer's comment."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.SmallIntegerField(_("score"))
    comment = models.TextField(_("comment"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="one_score_per_criterion")
        ]

    def __str__(self):
        return f"{self.criterion.code}: {self.value}"


# The outcome. The machine proposes (competition.awards); people decide: the secretariat records
# the jury's decision with its rationale, and publishes it.


class Decision(models.Model):
    """The jury's decision on an edition's titles, recorded by the secretariat, then published.

    ``proposal`` keeps what the scores proposed when the decision was recorded (awarded ids,
    extra-title candidates, close calls), so a decision that departs from it stays explained.
    ``revision`` guards against two people recording at once."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="decision")
    rationale = models.TextField(_("rationale"))
    proposal = models.JSONField(_("proposal of the scores"), default=dict, blank=True)
    revision = models.PositiveIntegerField(default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.edition} · {_('decision')}"

    @property
    def published(self):
        return self.published_at is not None


class Award(models.Model):
    """One title of a decision: the application that won it, and whether it is the optional
    extra title. ``citation`` says in one or two sentences why (public once published)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="awards")
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="award")
    extra = models.BooleanField(_("the optional extra title"), default=False)
    citation = models.TextField(_("citation"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("title awarded")
        verbose_name_plural = _("titles awarded")
        ordering = ["position", "pk"]

    def __str__(self):
        return str(self.application)
