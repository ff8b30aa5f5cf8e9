from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from . import vocabulary

# Population bands of the size facet: (code, label, lowest, highest) — bounds inclusive.
POPULATION_BANDS = [
    ("lt5k", _("under 5,000"), 0, 4999),
    ("5k-20k", _("5,000–20,000"), 5000, 19999),
    ("20k-50k", _("20,000–50,000"), 20000, 49999),
    ("50k-100k", _("50,000–100,000"), 50000, 99999),
    ("gt100k", _("over 100,000"), 100000, None),
]
# Period facet: when a practice started, and whether it still runs.
PERIOD_BANDS = [
    ("ongoing", _("still running")),
    ("2020s", _("started 2020 or later")),
    ("2010s", _("started 2010–2019")),
    ("earlier", _("started before 2010")),
]
SORTS = [
    ("relevance", _("best match")),
    ("title", pgettext_lazy("sort order", "title")),
    ("updated", _("recently updated")),
    ("newest", _("most recent start")),
    ("population", _("smallest town first")),
]
# Query-string names of the code facets, and the vocabulary each one filters.
CODE_FILTERS = {
    "challenge": "challenges",
    "dimension": "dimensions",
    "domain": "domains",
    "group": "target_groups",
}


class PracticeFilterForm(forms.Form):
    """Search, filters, sort and page of the catalogue: the page and the API read the same."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    country = forms.MultipleChoiceField(label=_("Country"), required=False, choices=countries)
    challenge = forms.MultipleChoiceField(label=_("Challenge"), required=False)
    dimension = forms.MultipleChoiceField(label=_("Resilience dimension"), required=False)
    domain = forms.MultipleChoiceField(label=_("Cultural domain"), required=False)
    group = forms.MultipleChoiceField(label=_("Target group"), required=False)
    size = forms.MultipleChoiceField(
        label=_("Population"),
        required=False,
        choices=[(code, label) for code, label, _low, _high in POPULATION_BANDS],
    )
    period = forms.MultipleChoiceField(label=_("Period"), required=False, choices=PERIOD_BANDS)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=100000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, vocab in CODE_FILTERS.items():
            self.fields[name].choices = vocabulary.choices(vocab)

    def filters(self):
        """The valid filter values as a plain dict (facet name → list of codes)."""
        data = getattr(self, "cleaned_data", {})
        return {
            name: list(data.get(name) or [])
            for name in ("country", *CODE_FILTERS, "size", "period")
        }
