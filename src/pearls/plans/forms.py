"""Forms of the plan builder. Each saving form carries the revision it was opened on."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pearls.catalogue import vocabulary
from pearls.core.languages import language_name

from . import formatting
from .sections import FUNDING_SOURCES, METHODS


def language_choices():
    return [(code, language_name(code)) for code in vocabulary.languages()]


class PlanCreateForm(forms.Form):
    edition = forms.ModelChoiceField(label=_("Edition"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Title of the plan"), max_length=200)
    languages = forms.MultipleChoiceField(
        label=_("Other languages you write in (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The official language for the competition is English. Add your national "
            "language to draft in it side by side."
        ),
    )

    def __init__(self, *args, editions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = editions
        self.fields["languages"].choices = [c for c in language_choices() if c[0] != "en"]


class LanguagesForm(forms.Form):
    official_language = forms.ChoiceField(label=_("Official language for submission"))
    languages = forms.MultipleChoiceField(
        label=_("Languages you write in"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official_language"].choices = language_choices()
        self.fields["languages"].choices = language_choices()


class SectionForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=formatting.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 18, "aria-describedby": "body-help"}),
        help_text=_(
            "Write freely. A blank line starts a new paragraph, a line starting with “- ” is "
            "a bullet, **two asterisks** make bold text."
        ),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MonthField(forms.DateField):
    """A month typed as YYYY-MM (the browser's month picker sends that too)."""

    widget = forms.DateInput(attrs={"type": "month", "placeholder": "2027-05"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        try:
            return datetime.date.fromisoformat(f"{str(value).strip()[:7]}-01")
        except ValueError:
            raise ValidationError(_("Enter a month as year-month, for example 2027-05.")) from None

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            return value.strftime("%Y-%m")
        return value


class ActionForm(forms.Form):
    """The action's text in one language and its shared fields."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=8000, widget=forms.Textarea
    )
    tools = forms.CharField(
        label=_("Cultural tools used"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    risks = forms.CharField(
        label=_("Risks and how you reduce them"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    objectives = forms.MultipleChoiceField(
        label=_("Objectives served"), required=False, widget=forms.CheckboxSelectMultiple
    )
    start = MonthField(label=_("Start month"))
    end = MonthField(label=_("End month"))
    responsible = forms.CharField(label=_("Responsible person"), max_length=150, required=False)
    methods = forms.MultipleChoiceField(
        label=_("Participatory methods"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(METHODS.items()),
    )
    domains = forms.MultipleChoiceField(
        label=_("Cultural domains"), required=False, widget=forms.CheckboxSelectMultiple
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), required=False, widget=forms.CheckboxSelectMultiple
    )
    dimensions = forms.MultipleChoiceField(
        label=_("Resilience dimensions"), required=False, widget=forms.CheckboxSelectMultiple
    )
    partners = forms.MultipleChoiceField(
        label=_("Partners (from your ecosystem map)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)

    def __init__(self, *args, objectives, partners, language, title_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.title_year = title_year
        from pearls.core.languages import pick

        self.fields["objectives"].choices = [
            (str(o.pk), str(pick(o.text, language) or "—")) for o in objectives
        ]
        self.fields["partners"].choices = [
            (str(p.pk), f"{p.name} ({p.get_sector_display()})") for p in partners
        ]
        for name in ("domains", "target_groups", "dimensions"):
            self.fields[name].choices = vocabulary.choices(name)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The action cannot end before it starts."))
        for name in ("start", "end"):
            month = data.get(name)
            if month and abs(month.year - self.title_year) > 2:
                self.add_error(
                    name,
                    _("Choose a month between %(first)s and %(last)s.")
                    % {"first": self.title_year - 2, "last": self.title_year + 2},
                )
        return data


class BudgetLineForm(forms.Form):
    item = forms.CharField(label=_("Item"), max_length=200)
    amount = forms.DecimalField(
        label=_("Amount (EUR)"), min_value=0, max_digits=10, decimal_places=2
    )
    source = forms.ChoiceField(label=_("Source"), choices=[("", "—"), *FUNDING_SOURCES.items()])


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=200)
    baseline = forms.CharField(label=_("Baseline"), max_length=60, required=False)
    target = forms.CharField(label=_("Target"), max_length=60, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False)
    verification = forms.CharField(label=_("How it is verified"), max_length=250, required=False)


BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=2, can_delete=True, max_num=30)
IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=1, can_delete=True, max_num=20)


def rows_of(formset, fields):
    """The filled, not deleted rows of a valid formset, as dicts of ``fields``."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append({name: data.get(name) for name in fields})
    return rows
