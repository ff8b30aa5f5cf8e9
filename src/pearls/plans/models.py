"""The Culture and Resilience Action Plan (CuReAP): one per municipality per edition.

Text lives in per-language rows (a team may draft in its own language; one language is
official for submission). Every editable row carries a ``revision`` that a save must name:
a save against an older revision is kept as a ``Conflict`` instead of overwriting.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .sections import FUNDING_SOURCES


class Plan(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SHARED = "shared", _("Shared with the mentor")
        SUBMITTED = "submitted", _("Submitted")
        IMPLEMENTATION = "implementation", _("In implementation")

    municipality = models.ForeignKey(
        "accounts.Municipality", on_delete=models.CASCADE, related_name="plans"
    )
    edition = models.ForeignKey(
        "competition.Edition", on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField(_("title"), max_length=200)
    # the languages the team writes in, the official one first
    languages = models.JSONField(_("languages"), default=list)
    official_language = models.CharField(_("official language"), max_length=8, default="en")
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    revision = models.PositiveIntegerField(default=0)
    shared_at = models.DateTimeField(_("shared"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_version = models.ForeignKey(
        "PlanVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-edition__title_year", "municipality__official_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "edition"], name="one_plan_per_municipality_and_edition"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:plan", args=[self.municipality.slug, self.pk])

    @property
    def is_locked(self):
        return self.state in (self.State.SUBMITTED, self.State.IMPLEMENTATION)


class Section(models.Model):
    """One section of the plan in one language: sanitised HTML."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("section"), max_length=20)
    language = models.CharField(_("language"), max_length=8)
    body = models.TextField(_("text"), blank=True)
    revision = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "key", "language"], name="one_section_text_per_language"
            )
        ]

    def __str__(self):
        return f"{self.plan} · {self.key} ({self.language})"


class Objective(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.JSONField(_("objective"), default=dict)  # {language: text}

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["position", "pk"]

    def __str__(self):
        return next(iter(self.text.values()), "")


class Action(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveSmallIntegerField(default=0)
    # per-language text: {language: text}
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict)
    tools = models.JSONField(_("cultural tools"), default=dict)
    risks = models.JSONField(_("risks and mitigation"), default=dict)
    objectives = models.ManyToManyField(Objective, blank=True, related_name="actions")
    domains = models.JSONField(_("cultural domains"), default=list, blank=True)
    methods = models.JSONField(_("participatory methods"), default=list, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    dimensions = models.JSONField(_("resilience dimensions"), default=list, blank=True)
    partners = models.ManyToManyField("ecosystem.Stakeholder", blank=True, related_name="actions")
    practices = models.ManyToManyField(
        "catalogue.Practice", blank=True, related_name="plan_actions"
    )
    # months, stored as their first day
    start = models.DateField(_("start month"))
    end = models.DateField(_("end month"))
    responsible = models.CharField(_("responsible person"), max_length=150, blank=True)
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="action_ends_after_start",
            )
        ]

    def __str__(self):
        return next(iter(self.title.values()), "")


class BudgetLine(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="budget_lines")
    item = models.CharField(_("item"), max_length=200)
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    source = models.CharField(
        _("source"), max_length=16, choices=[(k, v) for k, v in FUNDING_SOURCES.items()]
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.item}: {self.amount} EUR"


class Indicator(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    baseline = models.CharField(_("baseline"), max_length=60, blank=True)
    target = models.CharField(_("target"), max_length=60, blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    verification = models.CharField(_("how it is verified"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class Conflict(models.Model):
    """A save made against an older revision: the person's version, kept until someone of
    the team chooses what stays. ``target`` names the row ("section:context:en", "action:12")."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="conflicts")
    target = models.CharField(max_length=60)
    base_revision = models.PositiveIntegerField()
    theirs = models.JSONField(default=dict)  # the fields as the person sent them
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("edit conflict")
        verbose_name_plural = _("edit conflicts")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.plan} · {self.target}"


class PlanVersion(models.Model):
    """A snapshot of the whole plan. Edits of one person within a few minutes update the same
    version; submitting and restoring always make their own."""

    class Reason(models.TextChoices):
        EDIT = "edit", _("Edited")
        SHARE = "share", _("Shared with the mentor")
        SUBMIT = "submit", _("Submitted")
        RESTORE = "restore", _("Restored")
        MERGE = "merge", _("Conflict resolved")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    reason = models.CharField(max_length=10, choices=Reason.choices, default=Reason.EDIT)
    snapshot = models.JSONField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_plan_version_number")
        ]

    def __str__(self):
        return f"{self.plan} · {self.number}"


class Comment(models.Model):
    """A mentor's (or the team's) comment on a section; replies point to the thread's first
    comment, which carries the resolved state."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(_("section"), max_length=20)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.plan} · {self.section} #{self.pk}"
