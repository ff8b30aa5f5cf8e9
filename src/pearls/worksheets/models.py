"""Worksheets: the guided canvases of the toolkit roadmap, one set of answers per municipality
and canvas. The canvases themselves (phases, prompts) are data in ``canvases.py``."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class WorksheetAnswer(models.Model):
    """A municipality's answers to one canvas: ``{prompt key: text}``.

    ``revision`` counts the saves; a save names the revision it started from, so two people
    editing at once never overwrite each other unnoticed (see ``services.worksheet_save``).
    """

    municipality = models.ForeignKey(
        "accounts.Municipality", on_delete=models.CASCADE, related_name="worksheets"
    )
    canvas = models.CharField(_("canvas"), max_length=60)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("worksheet")
        verbose_name_plural = _("worksheets")
        ordering = ["municipality_id", "canvas"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "canvas"], name="worksheet_one_per_canvas"
            )
        ]

    def __str__(self):
        return f"{self.municipality} · {self.canvas}"

    def get_absolute_url(self):
        return reverse("worksheets:canvas", args=[self.municipality.slug, self.canvas])
