from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_TEXT


class CanvasForm(forms.Form):
    """One text box per prompt of a canvas, all optional (a canvas is filled in over time),
    and the revision the person started from."""

    base_revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, canvas, **kwargs):
        super().__init__(*args, **kwargs)
        self.canvas = canvas
        for prompt in canvas.prompts:
            self.fields[prompt.key] = forms.CharField(
                label=prompt.label,
                help_text=prompt.help,
                required=False,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 6 if prompt.is_list else 4}),
            )

    def clean(self):
        cleaned = super().clean()
        for prompt in self.canvas.prompts:
            text = (cleaned.get(prompt.key) or "").replace("\r\n", "\n").strip()
            if len(text) > MAX_TEXT:
                self.add_error(
                    prompt.key,
                    _("Keep this answer under %(limit)d characters (it has %(count)d).")
                    % {"limit": MAX_TEXT, "count": len(text)},
                )
        return cleaned

    def prompt_fields(self):
        """[(prompt, bound field)] in the canvas's order."""
        return [(prompt, self[prompt.key]) for prompt in self.canvas.prompts]

    def answers(self):
        return {prompt.key: self.cleaned_data.get(prompt.key, "") for prompt in self.canvas.prompts}
