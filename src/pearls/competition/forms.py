"""Forms of the edition settings pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Criterion, Edition, Milestone


class EditionSettingsForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = [
            "name",
            "time_zone",
            "titles",
            "max_per_country",
            "extra_title",
            "extra_title_country_rule",
            "tie_threshold",
            "seed_money_max",
        ]


class EditionCopyForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Copy the settings of"),
        queryset=Edition.objects.all(),
        required=False,
        empty_label=_("nothing: start from the programme's defaults"),
    )
    title_year = forms.IntegerField(label=_("Title year"), min_value=2020, max_value=2100)
    name = forms.CharField(label=_("Name"), max_length=120)


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["kind", "local_date", "local_time"]
        widgets = {
            "local_date": forms.DateInput(attrs={"type": "date"}),
            "local_time": forms.TimeInput(attrs={"type": "time"}),
        }


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["stage", "code", "label", "guidance", "weight", "scale_min", "scale_max"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 2})}


MilestoneFormSet = forms.inlineformset_factory(
    Edition, Milestone, form=MilestoneForm, extra=1, can_delete=True
)
CriterionFormSet = forms.inlineformset_factory(
    Edition, Criterion, form=CriterionForm, extra=1, can_delete=True
)
