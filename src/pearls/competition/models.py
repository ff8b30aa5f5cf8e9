from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def _valid_time_zone(value):
    import zoneinfo

    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(zone)s is not a known time zone."), params={"zone": value})


class Edition(models.Model):
    """One yearly edition of the Cultural Pearls title.

    Minimal for now: roles per edition (committee, jury) and plans point here. Deadlines,
    criteria, weights and award rules arrive with the competition itself, as data of this record.
    """

    class Phase(models.TextChoices):
        PREPARATION = "preparation", _("In preparation")
        CALL = "call", _("Call for applications open")
        PRE_SELECTION = "pre_selection", _("Pre-selection")
        DEVELOPMENT = "development", _("Development phase")
        JURY = "jury", _("Jury evaluation")
        RESULTS = "results", _("Results announced")
        TITLE_YEAR = "title_year", _("Title year")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=120)
    title_year = models.PositiveSmallIntegerField(_("title year"), unique=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[_valid_time_zone]
    )
    phase = models.CharField(
        _("current phase"), max_length=20, choices=Phase.choices, default=Phase.PREPARATION
    )
    seed_money_max = models.PositiveIntegerField(
        _("seed money per title, at most (EUR)"), default=5000
    )

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-title_year"]

    def __str__(self):
        return self.name
