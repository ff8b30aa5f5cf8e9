"""Forms of the edition settings pages."""

from django import forms
from django.db.models import Max, Min
from django.utils.translation import gettext_lazy as _

from .models import Criterion, Edition, Milestone, Question


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
            "jury_chair",
        ]
        help_texts = {
            "jury_chair": _(
                "A member of this edition's jury; the chair reads the results beside the "
                "secretariat."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from pearls.accounts.models import RoleAssignment, User

        jurors = RoleAssignment.objects.filter(
            role=RoleAssignment.Role.JURY, edition=self.instance.pk
        ).values("user")
        self.fields["jury_chair"].queryset = User.objects.filter(
            pk__in=jurors, is_active=True
        ).order_by("name")
        self.fields["jury_chair"].empty_label = _("nobody yet")
        self.fields["jury_chair"].label_from_instance = lambda user: f"{user.name} <{user.email}>"


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
    """A criterion of the edition. Once scores exist for it, its scale may only widen (every
    score given stays on it) and its stage cannot change: the scores keep their meaning."""

    class Meta:
        model = Criterion
        fields = ["stage", "code", "label", "guidance", "weight", "scale_min", "scale_max"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        if not self.instance.pk:
            return data
        given = self.instance.scores.aggregate(low=Min("value"), high=Max("value"))
        if given["low"] is None:
            return data
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None and (low > given["low"] or high < given["high"]):
            raise forms.ValidationError(
                _(
                    "Scores from %(low)s to %(high)s were already given on this criterion: "
                    "its scale must keep them."
                ),
                params={"low": given["low"], "high": given["high"]},
            )
        if data.get("stage") and data["stage"] != self.instance.stage:
            raise forms.ValidationError(
                _("Scores were already given on this criterion: its stage cannot change.")
            )
        return data


class CriterionBaseFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and form.instance.scores.exists():
                raise forms.ValidationError(
                    _("“%(label)s” cannot be removed: scores were already given on it."),
                    params={"label": form.instance.label},
                )


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "key",
            "label",
            "help",
            "kind",
            "required",
            "word_limit",
            "options",
            "file_types",
            "max_size_mb",
            "position",
        ]
        widgets = {
            "label": forms.Textarea(attrs={"rows": 2}),
            "help": forms.Textarea(attrs={"rows": 2}),
            "options": forms.Textarea(attrs={"rows": 2}),
        }


MilestoneFormSet = forms.inlineformset_factory(
    Edition, Milestone, form=MilestoneForm, extra=1, can_delete=True
)
CriterionFormSet = forms.inlineformset_factory(
    Edition,
    Criterion,
    form=CriterionForm,
    formset=CriterionBaseFormSet,
    extra=1,
    can_delete=True,
)
QuestionFormSet = forms.inlineformset_factory(
    Edition, Question, form=QuestionForm, extra=1, can_delete=True
)


class ApplicationForm(forms.Form):
    """One field per question of the edition's form (file questions excepted: they have their
    own upload forms). Fields are optional here: a draft may be incomplete, and completeness
    is checked on submission. Values are checked by ``applications.application_save``."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = [q for q in questions if q.kind != Question.Kind.FILE]
        for question in self.questions:
            field = self.fields[question.key] = self._field(question)
            if question.kind not in (Question.Kind.CHOICE, Question.Kind.CHOICES):
                # the hint holds the guidance and the word count
                field.widget.attrs["aria-describedby"] = f"hint-{question.key}"

    @staticmethod
    def _field(question):
        Kind = Question.Kind
        common = {"label": question.label, "help_text": question.help, "required": False}
        options = [(option, option) for option in question.option_list]
        if question.kind == Kind.CHOICE:
            return forms.ChoiceField(
                choices=[("", _("(not chosen yet)")), *options],
                widget=forms.RadioSelect if len(options) <= 5 else forms.Select,
                **common,
            )
        if question.kind == Kind.CHOICES:
            return forms.MultipleChoiceField(
                choices=options, widget=forms.CheckboxSelectMultiple, **common
            )
        if question.kind == Kind.NUMBER:
            return forms.CharField(
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
                max_length=30,
                **common,
            )
        if question.kind == Kind.DATE:
            return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
        rows = 3 if (question.word_limit or 500) <= 50 else 10
        return forms.CharField(widget=forms.Textarea(attrs={"rows": rows}), **common)

    def answers(self):
        return {q.key: self.cleaned_data.get(q.key) for q in self.questions}


class ApplicationFileForm(forms.Form):
    question = forms.SlugField(widget=forms.HiddenInput)
    upload = forms.FileField(label=_("File"))


class EligibilityDecisionForm(forms.Form):
    DECISIONS = [
        ("auto", _("Follow the automatic check")),
        ("eligible", _("Eligible")),
        ("not_eligible", _("Not eligible")),
    ]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a decision. The municipality reads it on its application."),
    )

    def eligible(self):
        return {"auto": None, "eligible": True, "not_eligible": False}[
            self.cleaned_data["decision"]
        ]
