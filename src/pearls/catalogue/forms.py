from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
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


TEXT_FIELD_SPECS = {
    # field: (label, help text, max length, rows; 0 rows = one line)
    "title": (_("Title"), _("A short name for the practice."), 200, 0),
    "summary": (_("Summary"), _("A few sentences: what, where, for whom."), 1000, 4),
    "description": (_("What you did"), _("How it worked, step by step."), 20000, 8),
    "results": (_("Results"), _("What changed, and how you know."), 20000, 5),
    "lessons": (_("Lessons learned"), _("What you would do differently."), 20000, 5),
    "transferability": (
        _("How another town can repeat it"),
        _("People, money, partners and time it needs."),
        20000,
        5,
    ),
}
LICENCES = [
    ("CC-BY-4.0", "CC BY 4.0"),
    ("CC-BY-SA-4.0", "CC BY-SA 4.0"),
    ("CC0-1.0", "CC0 1.0"),
]
EXTRA_ROWS = 2
# Proposal fields that map one-to-one onto a model field.
SCALAR_FIELDS = (
    "original_language",
    "country",
    "place",
    "region",
    "population",
    "latitude",
    "longitude",
    "period_start",
    "period_end",
    "budget_eur",
    "license",
    "contact_name",
    "contact_email",
    "contact_phone",
)


def _language_choices():
    from pearls.core.languages import language_name

    return [(code, language_name(code)) for code in vocabulary.languages()]


class PracticeStartForm(forms.Form):
    """The first step of a proposal: enough to create the draft, which autosaves from then on."""

    original_language = forms.ChoiceField(
        label=_("Language you write in"), choices=_language_choices
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    municipality = forms.ModelChoiceField(
        label=_("For the municipality"),
        queryset=None,
        required=False,
        help_text=_("Published practices carry the name of the municipality that proposed them."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from pearls.accounts.models import Municipality

        # People write in their own language: start from the one they read the site in.
        self.fields["original_language"].initial = next(
            (code for code in (get_language(), user.language) if code in vocabulary.languages()),
            "en",
        )
        mine = Municipality.objects.filter(memberships__user=user)
        if mine.exists():
            self.fields["municipality"].queryset = mine
            self.fields["municipality"].required = True
            self.fields["municipality"].empty_label = None
        else:
            self.fields.pop("municipality")


class PracticeProposalForm(forms.Form):
    """Every field of the interchange record, with one input per language chosen for the texts.

    Drafts may be incomplete; the schema check runs when the author submits.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)
    original_language = forms.ChoiceField(label=_("Original language"), choices=_language_choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages of the texts"),
        choices=_language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick a language and press “Save draft” to get fields for it."),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    place = forms.CharField(label=_("Town or municipality"), max_length=200, required=False)
    region = forms.CharField(
        label=_("Region (NUTS code)"), max_length=20, required=False, help_text=_("e.g. PL634")
    )
    population = forms.IntegerField(label=_("Population"), min_value=0, required=False)
    latitude = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90, required=False)
    longitude = forms.FloatField(
        label=_("Longitude"), min_value=-180, max_value=180, required=False
    )
    period_start = forms.IntegerField(
        label=_("Start year"), min_value=1900, max_value=2100, required=False
    )
    period_end = forms.IntegerField(
        label=_("End year"),
        min_value=1900,
        max_value=2100,
        required=False,
        help_text=_("Leave empty if it still runs."),
    )
    challenges = forms.MultipleChoiceField(
        label=_("Challenges"), widget=forms.CheckboxSelectMultiple, required=False
    )
    dimensions = forms.MultipleChoiceField(
        label=_("Resilience dimensions"), widget=forms.CheckboxSelectMultiple, required=False
    )
    domains = forms.MultipleChoiceField(
        label=_("Cultural domains"), widget=forms.CheckboxSelectMultiple, required=False
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), widget=forms.CheckboxSelectMultiple, required=False
    )
    budget_eur = forms.IntegerField(label=_("Budget (EUR)"), min_value=0, required=False)
    funding = forms.CharField(
        label=_("Funding"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One source per line."),
    )
    license = forms.ChoiceField(label=_("Licence of the text"), choices=LICENCES)
    contact_name = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)

    def __init__(self, *args, practice, **kwargs):
        initial = kwargs.pop("initial", None) or self.initial_from(practice)
        super().__init__(*args, initial=initial, **kwargs)
        self.practice = practice
        self.fields["country"].choices = [("", "—")] + [
            (code, vocabulary.country_name(code)) for code in vocabulary.programme_countries()
        ]
        for name in vocabulary.CODE_FIELDS:
            self.fields[name].choices = vocabulary.choices(name)
        data = self.data if self.is_bound else initial
        chosen = data.getlist("languages") if hasattr(data, "getlist") else data["languages"]
        original = data.get("original_language") or practice.original_language
        # The original language first, then the others in the vocabulary's order.
        # Languages that already have text stay, ticked or not: unticking a box must not
        # delete what was written (empty the fields to remove a language).
        written = {code for field in TEXT_FIELD_SPECS for code in getattr(practice, field) or {}}
        self.text_languages = [original] + [
            code for code in vocabulary.languages() if code in (set(chosen) | written) - {original}
        ]
        for language in self.text_languages:
            for field, (label, help_text, max_length, rows) in TEXT_FIELD_SPECS.items():
                attrs = {"lang": language}
                widget = (
                    forms.Textarea(attrs={**attrs, "rows": rows})
                    if rows
                    else forms.TextInput(attrs=attrs)
                )
                self.fields[f"{field}__{language}"] = forms.CharField(
                    label=label,
                    help_text=help_text,
                    max_length=max_length,
                    required=False,
                    widget=widget,
                )
        organisation_rows = len(practice.organisations or []) + EXTRA_ROWS
        for n in range(organisation_rows):
            self.fields[f"org_{n}_name"] = forms.CharField(
                label=_("Organisation name"), max_length=200, required=False
            )
            self.fields[f"org_{n}_type"] = forms.ChoiceField(
                label=_("Type"),
                required=False,
                choices=[("", "—"), *vocabulary.choices("organisation_types")],
            )
            self.fields[f"org_{n}_role"] = forms.ChoiceField(
                label=_("Role"),
                required=False,
                choices=[("", "—"), *vocabulary.choices("organisation_roles")],
            )
        self.organisation_rows = organisation_rows
        link_rows = len(practice.links or []) + EXTRA_ROWS
        for n in range(link_rows):
            self.fields[f"link_{n}_url"] = forms.URLField(
                label=_("Web address"), required=False, assume_scheme="https"
            )
            self.fields[f"link_{n}_title"] = forms.CharField(
                label=_("Link text"), max_length=200, required=False
            )
        self.link_rows = link_rows

    @staticmethod
    def initial_from(practice):
        initial = {
            "version": practice.version,
            "original_language": practice.original_language,
            "languages": sorted(
                {code for field in TEXT_FIELD_SPECS for code in getattr(practice, field) or {}}
                | {practice.original_language, "en"}
            ),
            "funding": "\n".join(practice.funding or []),
            "license": practice.license or "CC-BY-4.0",
        }
        for name in (*SCALAR_FIELDS, *vocabulary.CODE_FIELDS):
            initial.setdefault(name, getattr(practice, name))
        for field in TEXT_FIELD_SPECS:
            for language, text in (getattr(practice, field) or {}).items():
                initial[f"{field}__{language}"] = text
        for n, organisation in enumerate(practice.organisations or []):
            for key in ("name", "type", "role"):
                initial[f"org_{n}_{key}"] = organisation.get(key, "")
        for n, link in enumerate(practice.links or []):
            initial[f"link_{n}_url"] = link.get("url", "")
            initial[f"link_{n}_title"] = link.get("title", "")
        return initial

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end year cannot be before the start year."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return data

    def text_fields(self, language):
        return [self[f"{field}__{language}"] for field in TEXT_FIELD_SPECS]

    def organisation_fields(self):
        return [
            [self[f"org_{n}_{key}"] for key in ("name", "type", "role")]
            for n in range(self.organisation_rows)
        ]

    def link_fields(self):
        return [[self[f"link_{n}_url"], self[f"link_{n}_title"]] for n in range(self.link_rows)]

    def practice_values(self):
        """Model field values (record fields and contacts) from the cleaned data."""
        data = self.cleaned_data
        values = {
            field: {
                language: data.get(f"{field}__{language}", "").strip()
                for language in self.text_languages
                if data.get(f"{field}__{language}", "").strip()
            }
            for field in TEXT_FIELD_SPECS
        }
        for name in SCALAR_FIELDS:
            value = data.get(name)
            values[name] = value.strip() if isinstance(value, str) else value
        for name in vocabulary.CODE_FIELDS:
            values[name] = vocabulary.sort_codes(name, data.get(name) or [])
        values["funding"] = [
            line.strip() for line in (data.get("funding") or "").splitlines() if line.strip()
        ]
        values["organisations"] = [
            {
                key: data[f"org_{n}_{key}"]
                for key in ("name", "type", "role")
                if data.get(f"org_{n}_{key}")
            }
            for n in range(self.organisation_rows)
            if data.get(f"org_{n}_name", "").strip()
        ]
        values["links"] = [
            {
                key: data[f"link_{n}_{key}"]
                for key in ("url", "title")
                if data.get(f"link_{n}_{key}")
            }
            for n in range(self.link_rows)
            if data.get(f"link_{n}_url")
        ]
        return values


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note to the author"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Required when you return the practice: say what to change."),
    )


class ReviewQueueFilterForm(forms.Form):
    STATUSES = [
        ("submitted", _("Waiting for review")),
        ("returned", _("Returned to the author")),
        ("published", _("Published")),
        ("draft", _("Draft")),
    ]
    status = forms.ChoiceField(label=_("Status"), choices=STATUSES, required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    q = forms.CharField(label=_("Title or place contains"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries"))] + [
            (code, vocabulary.country_name(code)) for code in vocabulary.programme_countries()
        ]
