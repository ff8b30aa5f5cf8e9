from django import forms
from django.utils.translation import gettext_lazy as _

from pearls.catalogue import vocabulary

from .statements import DONT_KNOW, SCALE_LABELS, STATEMENTS

ANSWER_CHOICES = [(str(value), label) for value, label in SCALE_LABELS.items()] + [
    (DONT_KNOW, _("Don't know"))
]


class AssessmentOpenForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the round"),
        max_length=120,
        help_text=_("For example “Baseline 2026” or “Follow-up after the title year”."),
    )


class AnswersForm(forms.Form):
    """The questionnaire: one required choice per statement, grouped by dimension. Stakeholders
    may also name their sector, and their form carries a key that makes resending harmless."""

    def __init__(self, *args, stakeholder=False, **kwargs):
        super().__init__(*args, **kwargs)
        for items in STATEMENTS.values():
            for code, text in items:
                self.fields[code] = forms.ChoiceField(
                    label=text,
                    choices=ANSWER_CHOICES,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose an answer, or “Don't know”.")},
                )
        if stakeholder:
            self.fields["organisation_type"] = forms.ChoiceField(
                label=_("Where do you work or volunteer? (optional)"),
                required=False,
                choices=[("", _("Prefer not to say"))] + vocabulary.choices("organisation_types"),
            )
            self.fields["submission_key"] = forms.UUIDField(widget=forms.HiddenInput)

    def groups(self):
        """[(dimension code, dimension label, [bound fields])] in questionnaire order."""
        return [
            (dimension, vocabulary.label("dimensions", dimension), [self[c] for c, _t in items])
            for dimension, items in STATEMENTS.items()
        ]

    def answers(self):
        return {
            code: None if self.cleaned_data[code] == DONT_KNOW else int(self.cleaned_data[code])
            for items in STATEMENTS.values()
            for code, _text in items
        }

    @staticmethod
    def initial_from(answers):
        return {code: DONT_KNOW if value is None else str(value) for code, value in answers.items()}
