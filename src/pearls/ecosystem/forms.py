from django import forms
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from pearls.catalogue import vocabulary

from .exporting import ASSET_COLUMNS, STAKEHOLDER_COLUMNS
from .models import CulturalAsset, Relationship, Sector, Stakeholder

SCALE_CHOICES = [
    (1, _("1 – very low")),
    (2, _("2 – low")),
    (3, _("3 – medium")),
    (4, _("4 – high")),
    (5, _("5 – very high")),
]


class _Versioned(forms.ModelForm):
    """An edit form that carries the ``updated_at`` of the record it was loaded from, so the
    save can tell when someone else changed the record meanwhile."""

    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, record=None, **kwargs):
        if record is not None:
            kwargs.setdefault("initial", {}).update(
                model_to_dict(record, fields=self._meta.fields),
                updated_at=record.updated_at.isoformat(),
            )
        super().__init__(*args, **kwargs)

    def values(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def reloaded(self, record):
        """The same input, now based on the current version of ``record`` (after a
        conflict): saving again overwrites what is there with what the person typed."""
        data = self.data.copy()
        data[self.add_prefix("updated_at")] = record.updated_at.isoformat()
        return type(self)(data)


class StakeholderForm(_Versioned):
    organisation_type = forms.ChoiceField(label=_("Organisation type"), choices=())
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("Choose…"))] + Sector.choices,
        help_text=_("The action plan asks for partners from at least three sectors."),
    )
    influence = forms.TypedChoiceField(
        label=_("Influence"),
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("How much can they help or block the town's plans?"),
    )
    interest = forms.TypedChoiceField(
        label=_("Interest"),
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("How much do they care about culture and resilience in the town?"),
    )

    class Meta:
        model = Stakeholder
        fields = list(STAKEHOLDER_COLUMNS)
        labels = {
            "name": _("Name"),
            "contact_name": _("Contact person"),
            "contact_email": _("Contact e-mail"),
            "notes": _("Notes"),
        }
        help_texts = {
            "name": _("For example “Gniew Cultural Centre” or “Seniors' Club Wrzos”."),
            "contact_email": _("Only your team and the secretariat see it."),
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation_type"].choices = [("", _("Choose…"))] + vocabulary.choices(
            "organisation_types"
        )
        if not self.is_bound and "influence" not in self.initial:
            self.initial.update(influence=3, interest=3)


class CoordinateField(forms.FloatField):
    """Decimal degrees; a decimal comma is fine too (that is how many Europeans type them)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class AssetForm(_Versioned):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Choose…"))] + CulturalAsset.Kind.choices
    )
    latitude = CoordinateField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_(
            "Decimal degrees, for example 53.835. Leave both empty if the asset has no fixed "
            "place: it is then in the list but not on the map."
        ),
    )
    longitude = CoordinateField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Decimal degrees, for example 18.824."),
    )

    class Meta:
        model = CulturalAsset
        fields = list(ASSET_COLUMNS)
        labels = {
            "name": _("Name"),
            "description": _("Description"),
            "address": _("Address"),
            "notes": _("Notes"),
        }
        help_texts = {
            "name": _("For example “Gniew Castle” or “Vistula Folk Ensemble”."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class FilterForm(forms.Form):
    """The stakeholder list's filters (GET); unknown values are ignored by the selector."""

    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors"))] + Sector.choices
    )
    organisation_type = forms.ChoiceField(label=_("Organisation type"), required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation_type"].choices = [("", _("All types"))] + vocabulary.choices(
            "organisation_types"
        )

    def filters(self):
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class RelationshipForm(forms.Form):
    """One relationship: who, how, and with which asset or other stakeholder. The target is
    one list grouped by cultural assets and stakeholders, so it works without JavaScript."""

    stakeholder = forms.ModelChoiceField(
        label=_("Stakeholder"), queryset=Stakeholder.objects.none(), empty_label=_("Choose…")
    )
    kind = forms.ChoiceField(label=_("Relationship"), choices=Relationship.Kind.choices)
    target = forms.ChoiceField(label=_("With"), choices=())
    note = forms.CharField(label=_("Note (optional)"), max_length=250, required=False)

    def __init__(self, *args, municipality, stakeholders, assets, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["stakeholder"].queryset = stakeholders
        self._assets = {str(asset.pk): asset for asset in assets}
        self._others = {str(other.pk): other for other in stakeholders}
        self.fields["target"].choices = [
            ("", _("Choose…")),
            (_("Cultural assets"), [(f"asset-{pk}", a.name) for pk, a in self._assets.items()]),
            (_("Stakeholders"), [(f"stakeholder-{pk}", s.name) for pk, s in self._others.items()]),
        ]

    def target_objects(self):
        """(asset, other stakeholder), one of them None."""
        kind, _sep, pk = self.cleaned_data["target"].partition("-")
        if kind == "asset":
            return self._assets.get(pk), None
        return None, self._others.get(pk)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The file holds"),
        choices=[("stakeholders", _("Stakeholders")), ("assets", _("Cultural assets"))],
        widget=forms.RadioSelect,
        initial="stakeholders",
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, separated by commas or semicolons, at most 1 MB and 2,000 rows."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
