from django.contrib import admin
from django.core.exceptions import ValidationError

from . import services
from .interchange import record_from_practice
from .models import Practice
from .validation import record_errors


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    """The secretariat edits practices here; saving goes through ``services.practice_save``."""

    list_display = ["slug", "__str__", "place", "country", "original_language", "status", "updated"]
    list_filter = ["status", "country", "original_language"]
    search_fields = ["slug", "place", "region"]
    readonly_fields = ["created_at", "modified_at"]
    fieldsets = [
        (None, {"fields": ["slug", "status", "original_language"]}),
        (
            "Texts (language maps)",
            {
                "fields": [
                    "title",
                    "summary",
                    "description",
                    "results",
                    "lessons",
                    "transferability",
                ]
            },
        ),
        (
            "Place",
            {"fields": ["country", "place", "region", "population", "latitude", "longitude"]},
        ),
        (
            "Classification",
            {"fields": ["challenges", "dimensions", "domains", "target_groups"]},
        ),
        (
            "Facts",
            {
                "fields": [
                    "period_start",
                    "period_end",
                    "organisations",
                    "budget_eur",
                    "funding",
                    "links",
                    "license",
                    "source",
                    "updated",
                    "created_at",
                    "modified_at",
                ]
            },
        ),
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.clean = _clean_as_interchange_record(form.clean)
        return form

    def save_model(self, request, obj, form, change):
        # The form has already passed the schema check, so this cannot raise here.
        services.practice_save(practice=obj, actor=request.user)


def _clean_as_interchange_record(original_clean):
    """Wrap a ModelForm's clean: the edited practice must be a valid interchange record,
    so schema errors show on the form instead of failing at save."""

    def clean(form):
        cleaned = original_clean(form)
        for name, value in cleaned.items():
            setattr(form.instance, name, value)
        problems = record_errors(record_from_practice(form.instance))
        if problems:
            raise ValidationError([str(problem) for problem in problems])
        return cleaned

    return clean
