"""People, their municipalities and teams, invitations and programme roles."""

import hashlib
import uuid

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pearls.core.languages import pick


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: signs in with an e-mail address; one ``name`` field, a preferred language.

    ``public_id`` is the opaque id the audit log names people by, so erasing a person never
    touches an audit entry.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Used for the interface and for every e-mail you receive."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("May sign in to the Django admin.")
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "email"]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name


class Municipality(models.Model):
    """A town, city or municipality taking part in the programme; lasts across editions."""

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    official_name = models.CharField(_("official name"), max_length=200)
    local_name = models.CharField(_("local name"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, db_index=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    nuts2 = models.CharField(
        _("NUTS-2 code"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}[0-9A-Z]{2}$", _("A NUTS-2 code looks like PL63."))],
    )
    nuts3 = models.CharField(
        _("NUTS-3 code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}[0-9A-Z]{3}$", _("A NUTS-3 code looks like PL634."))],
    )
    # The local administrative unit's national code (Eurostat LAU), e.g. 0180 for Stockholm:
    # eligibility matches excluded capitals by code, never by spelling.
    lau = models.CharField(_("LAU code"), max_length=12, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
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
    website = models.URLField(_("website"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    logo = models.ImageField(_("logo"), upload_to="municipalities/logos/", blank=True)
    description = models.JSONField(_("short description"), default=dict, blank=True)
    challenges = models.JSONField(_("challenges"), default=list, blank=True)
    # Facts in the demo data that are not certain (field names), shown as such on the page.
    uncertain = models.JSONField(_("uncertain facts"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["country", "official_name"]

    def __str__(self):
        return self.official_name

    def get_absolute_url(self):
        return reverse("accounts:municipality-detail", kwargs={"slug": self.slug})

    def description_in(self, language):
        return pick(self.description, language, None)


class Membership(models.Model):
    """A person in a municipality's team, as coordinator or member."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="one_membership_each")
        ]

    def __str__(self):
        return f"{self.user} · {self.municipality} ({self.role})"


def token_digest(token):
    """Invitations store the hash of their token: a leaked table reveals no working link."""
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """A single-use, expiring invitation to join a municipality's team."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=16, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    language = models.CharField(
        _("language of the e-mail"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.municipality}"

    @property
    def is_pending(self):
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class RoleAssignment(models.Model):
    """A programme role held by a person, for a country or an edition where the role needs one.

    Municipality coordinators and members are ``Membership`` rows; the public needs no row.
    """

    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("Programme secretariat")
        MENTOR = "mentor", _("National mentor")
        COMMITTEE = "committee", _("Selection-committee member")
        JURY = "jury", _("Jury member")
        REVIEWER = "reviewer", _("Practice reviewer")

    # Roles that must use two-factor authentication before they can act.
    MFA_REQUIRED = {Role.SECRETARIAT, Role.COMMITTEE, Role.JURY}
    PER_COUNTRY = {Role.MENTOR}
    PER_EDITION = {Role.COMMITTEE, Role.JURY}

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    country = models.CharField(_("country"), max_length=2, blank=True)
    edition = models.ForeignKey(
        "competition.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "country", "edition"], name="one_role_assignment_each"
            ),
            models.CheckConstraint(
                condition=~models.Q(role="mentor") | ~models.Q(country=""),
                name="mentor_has_country",
            ),
            models.CheckConstraint(
                condition=~models.Q(role__in=["committee", "jury"])
                | models.Q(edition__isnull=False),
                name="committee_and_jury_have_edition",
            ),
        ]

    def __str__(self):
        scope = self.country or (self.edition and str(self.edition)) or ""
        return f"{self.get_role_display()} {scope}".strip()


class Partnership(models.Model):
    """Municipalities that apply together: one joint applicant, with a lead partner.

    The lead partner is one of the members; a joint application counts for the lead partner's
    country in per-country limits (the competition reads ``country``).
    """

    name = models.CharField(_("name of the joint applicant"), max_length=200)
    lead = models.ForeignKey(
        Municipality,
        verbose_name=_("lead partner"),
        on_delete=models.PROTECT,
        related_name="led_partnerships",
    )
    members = models.ManyToManyField(
        Municipality, verbose_name=_("member municipalities"), related_name="partnerships"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("joint applicant")
        verbose_name_plural = _("joint applicants")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def country(self):
        return self.lead.country
