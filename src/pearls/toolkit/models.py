"""The resilience toolkit: self-assessment rounds and their answers."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def survey_key():
    return secrets.token_urlsafe(18)


class Assessment(models.Model):
    """One round of a municipality's self-assessment (a baseline, a follow-up …).

    Stakeholders answer through ``survey_key``, a link without an account. The key is kept in
    clear so that the team can share the link again; it grants nothing but answering this round
    while it is open, and the coordinator can replace it.
    """

    municipality = models.ForeignKey(
        "accounts.Municipality", on_delete=models.CASCADE, related_name="assessments"
    )
    title = models.CharField(_("title"), max_length=120)
    survey_key = models.CharField(max_length=40, unique=True, default=survey_key)
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("self-assessment round")
        verbose_name_plural = _("self-assessment rounds")
        ordering = ["-opened_at", "-pk"]

    def __str__(self):
        return f"{self.municipality} · {self.title}"

    def get_absolute_url(self):
        return reverse("toolkit:assessment", args=[self.municipality.slug, self.pk])

    def get_survey_url(self):
        return reverse("toolkit:survey", args=[self.survey_key])

    @property
    def is_open(self):
        return self.closed_at is None


class Response(models.Model):
    """One respondent's answers in a round: a team member (one each, editable while the round
    is open) or an anonymous stakeholder who came through the link."""

    class Kind(models.TextChoices):
        TEAM = "team", _("Team member")
        STAKEHOLDER = "stakeholder", _("Stakeholder")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    kind = models.CharField(_("respondent"), max_length=12, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessment_responses",
    )
    organisation_type = models.CharField(_("sector"), max_length=32, blank=True)
    # {statement code: 1–5, or None for "don't know"}
    answers = models.JSONField(_("answers"), default=dict)
    # The form carries this key: a second click or a resent form updates the same response.
    submission_key = models.UUIDField(default=uuid.uuid4, unique=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now=True)

    class Meta:
        verbose_name = _("self-assessment response")
        verbose_name_plural = _("self-assessment responses")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "user"],
                condition=models.Q(user__isnull=False),
                name="one_response_per_team_member",
            )
        ]

    def __str__(self):
        return f"{self.assessment} · {self.get_kind_display()} #{self.pk}"
