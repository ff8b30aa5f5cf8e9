"""Ecosystem mapping: the stakeholders and cultural assets a municipality can build on, and the
relationships between them. The plan's partners come from here."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Sector(models.TextChoices):
    """The broad sector of society a stakeholder belongs to (the plan's readiness check asks
    for partners from at least three)."""

    PUBLIC = "public", _("Public sector")
    PRIVATE = "private", _("Private sector")
    CIVIL = "civil", _("Civil society")
    EDUCATION = "education", _("Education and research")
    CULTURE = "culture", _("Culture and creative sector")


class Stakeholder(models.Model):
    municipality = models.ForeignKey(
        "accounts.Municipality", on_delete=models.CASCADE, related_name="stakeholders"
    )
    name = models.CharField(_("name"), max_length=200)
    # a code of the vocabulary's organisation_types
    organisation_type = models.CharField(_("organisation type"), max_length=32)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    influence = models.PositiveSmallIntegerField(_("influence"), validators=SCALE, default=3)
    interest = models.PositiveSmallIntegerField(_("interest"), validators=SCALE, default=3)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="one_stakeholder_name_per_municipality"
            )
        ]

    def __str__(self):
        return self.name


class CulturalAsset(models.Model):
    class Kind(models.TextChoices):
        VENUE = "venue", _("Venue")
        HERITAGE = "heritage", _("Heritage site")
        EVENT = "event", _("Event or festival")
        GROUP = "group", _("Group or ensemble")
        COLLECTION = "collection", _("Collection or archive")
        OTHER = "other", _("Other")

    municipality = models.ForeignKey(
        "accounts.Municipality", on_delete=models.CASCADE, related_name="cultural_assets"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cultural asset")
        verbose_name_plural = _("cultural assets")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="one_asset_name_per_municipality"
            )
        ]

    def __str__(self):
        return self.name


class Relationship(models.Model):
    """A stakeholder's tie to a cultural asset or to another stakeholder."""

    class Kind(models.TextChoices):
        OWNS = "owns", _("owns or runs")
        USES = "uses", _("uses")
        SUPPORTS = "supports", _("supports or funds")
        PARTNERS = "partners", _("works with")

    municipality = models.ForeignKey(
        "accounts.Municipality", on_delete=models.CASCADE, related_name="relationships"
    )
    stakeholder = models.ForeignKey(
        Stakeholder, on_delete=models.CASCADE, related_name="relationships"
    )
    kind = models.CharField(_("relationship"), max_length=16, choices=Kind.choices)
    asset = models.ForeignKey(
        CulturalAsset, null=True, blank=True, on_delete=models.CASCADE, related_name="relationships"
    )
    other = models.ForeignKey(
        Stakeholder, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        ordering = ["stakeholder__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(asset__isnull=False, other__isnull=True)
                    | models.Q(asset__isnull=True, other__isnull=False)
                ),
                name="relationship_has_one_target",
            )
        ]

    def __str__(self):
        return f"{self.stakeholder} {self.get_kind_display()} {self.asset or self.other}"
