from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pearls.core.languages import pick


class Practice(models.Model):
    """A good practice: every field of the interchange record (schema/practice.schema.json).

    Multilingual texts are language maps (``{"en": ..., "pl": ...}``) with ``original_language``;
    vocabulary codes are lists kept in the vocabulary's order, mirrored in ``PracticeCode`` rows
    for filtering and facet counts. Review state lives beside the record, not in it.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned to the author")
        PUBLISHED = "published", _("Published")

    # States in which the author may change the practice.
    EDITABLE = (Status.DRAFT, Status.RETURNED)

    slug = models.CharField(_("identifier"), max_length=80, unique=True)
    title = models.JSONField(_("title"), default=dict)
    summary = models.JSONField(_("summary"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    results = models.JSONField(_("results"), default=dict, blank=True)
    lessons = models.JSONField(_("lessons"), default=dict, blank=True)
    transferability = models.JSONField(_("transferability"), default=dict, blank=True)
    original_language = models.CharField(_("original language"), max_length=2)
    country = models.CharField(_("country"), max_length=2, db_index=True)
    place = models.CharField(_("place"), max_length=200)
    region = models.CharField(_("region (NUTS code)"), max_length=20, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    period_start = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    challenges = models.JSONField(_("challenges"), default=list)
    dimensions = models.JSONField(_("resilience dimensions"), default=list)
    domains = models.JSONField(_("cultural domains"), default=list)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    organisations = models.JSONField(_("organisations"), default=list, blank=True)
    budget_eur = models.PositiveBigIntegerField(_("budget (EUR)"), null=True, blank=True)
    funding = models.JSONField(_("funding"), default=list, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    license = models.CharField(_("licence"), max_length=64, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    updated = models.DateField(_("updated"), null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PUBLISHED, db_index=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)

    # Beside the interchange record: who proposed it, for which municipality, how to reach them.
    # Export, API and search never show these.
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("submitting municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    review_note = models.TextField(_("reviewer's note"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Optimistic locking: every write of a draft or review bumps it; a stale form is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["slug"]
        # Narrow indexes let facet counts read the index instead of the wide rows.
        indexes = [
            models.Index(
                fields=["status", "country", "population", "period_start", "period_end"],
                name="practice_status_facets",
            ),
            # Sorting by title reads this index only: the full rows carry kilobytes of text.
            models.Index(fields=["status", "title", "place", "slug"], name="practice_title_sort"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True) | models.Q(period_start__isnull=False),
                name="practice_period_end_needs_start",
            ),
        ]

    def __str__(self):
        shown = pick(self.title, "en", self.original_language)
        return shown.text if shown else self.slug

    def get_absolute_url(self):
        return reverse("catalogue:practice-detail", args=[self.slug])

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def languages(self):
        """Languages in which the practice has a title, original first."""
        others = sorted(code for code in self.title if code != self.original_language)
        return [self.original_language, *others] if self.original_language in self.title else others


class PracticeCode(models.Model):
    """One vocabulary code of a practice: the index behind filters and facet counts."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="codes")
    vocabulary = models.CharField(max_length=32)
    code = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "vocabulary", "code"], name="practice_code_unique"
            )
        ]
        indexes = [models.Index(fields=["vocabulary", "code", "practice"])]

    def __str__(self):
        return f"{self.vocabulary}:{self.code}"


class PracticeRevision(models.Model):
    """A step in a practice's life: the record as it stood, who acted and the reviewer's note.

    The review page compares the current record with the one at the last review; authors see
    the list as the practice's history.
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned to the author")
        PUBLISHED = "published", _("Published")
        IMPORTED = "imported", _("Imported")

    REVIEWS = (Kind.RETURNED, Kind.PUBLISHED, Kind.IMPORTED)

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="revisions")
    kind = models.CharField(_("step"), max_length=16, choices=Kind.choices)
    at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    record = models.JSONField(_("record"), default=dict)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("practice revision")
        verbose_name_plural = _("practice revisions")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.practice_id} {self.kind} {self.at:%Y-%m-%d}"
