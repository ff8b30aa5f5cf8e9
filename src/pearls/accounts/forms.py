from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import Membership, Municipality, RoleAssignment, User


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with the person's name and preferred language."""

    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        help_text=_("As colleagues in the programme will see it."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("Used for the interface and for every e-mail you receive."),
    )
    field_order = ["name", "email", "language", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "language"]


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(
        label=_("Role in the team"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
    )


class HandoverForm(forms.Form):
    member = forms.ModelChoiceField(label=_("New coordinator"), queryset=Membership.objects.none())

    def __init__(self, *args, municipality, exclude_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(municipality=municipality).select_related("user")
        if exclude_user is not None:
            members = members.exclude(user=exclude_user)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: str(m.user)


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be erased for good."),
        required=True,
    )


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action"), required=False, max_length=80)
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=80)
    actor = forms.CharField(label=_("Person (opaque id)"), required=False, max_length=36)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG", "WEBP"}


class MunicipalityForm(forms.ModelForm):
    """The public profile a coordinator keeps up to date."""

    description_en = forms.CharField(
        label=_("Short description in English"),
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en"}),
        max_length=1000,
        required=False,
    )
    description_local = forms.CharField(
        label=_("Short description in the local language"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    challenges = forms.MultipleChoiceField(
        label=_("Challenges the town faces"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Municipality
        fields = ["official_name", "local_name", "website", "population", "population_year", "logo"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from pearls.catalogue import vocabulary

        self.fields["challenges"].choices = vocabulary.choices("challenges")
        self.fields["challenges"].initial = self.instance.challenges
        self.local_language = (self.instance.languages or ["en"])[0]
        description = self.instance.description or {}
        self.fields["description_en"].initial = description.get("en", "")
        self.fields["description_local"].initial = description.get(self.local_language, "")
        self.fields["description_local"].widget.attrs["lang"] = self.local_language
        if self.local_language == "en":
            self.fields.pop("description_local")

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or not hasattr(logo, "image"):
            return logo  # unchanged or cleared
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo may be at most 2 MB."))
        if getattr(logo.image, "format", "") not in LOGO_FORMATS:
            raise forms.ValidationError(_("The logo must be a PNG, JPEG or WebP image."))
        return logo

    def apply(self):
        """The instance with the form's values; returns the names of the changed fields."""
        municipality = self.instance
        description = dict(municipality.description or {})
        for key, language in (("description_en", "en"), ("description_local", self.local_language)):
            if key in self.cleaned_data:
                text = self.cleaned_data[key].strip()
                if text:
                    description[language] = text
                else:
                    description.pop(language, None)
        municipality.description = description
        municipality.challenges = self.cleaned_data["challenges"]
        model_field = {"description_en": "description", "description_local": "description"}
        return sorted({model_field.get(name, name) for name in self.changed_data})


class PartnershipForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the joint applicant"),
        max_length=200,
        help_text=_("For example: Towns of the Vistula Delta."),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner municipalities"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every partner must be eligible on its own; yours leads the application."),
    )

    def __init__(self, *args, lead, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Municipality.objects.exclude(pk=lead.pk).order_by(
            "country", "official_name"
        )
        self.fields["partners"].label_from_instance = lambda m: f"{m.official_name} ({m.country})"


class RoleGrantForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=RoleAssignment.Role.choices)
    country = forms.ChoiceField(label=_("Country (national mentors)"), required=False)
    edition = forms.ModelChoiceField(
        label=_("Edition (committee and jury)"),
        queryset=None,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from pearls.catalogue import vocabulary
        from pearls.competition.models import Edition

        self.fields["country"].choices = [("", "—")] + [
            (code, vocabulary.country_name(code)) for code in vocabulary.programme_countries()
        ]
        self.fields["edition"].queryset = Edition.objects.all()

    def clean_email(self):
        from django.contrib.auth import get_user_model

        email = self.cleaned_data["email"]
        person = get_user_model().objects.filter(email__iexact=email).first()
        if person is None:
            raise forms.ValidationError(
                _("No account uses this address. Ask the person to create one first.")
            )
        self.person = person
        return email
