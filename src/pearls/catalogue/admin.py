from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from . import services
from .models import Practice


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

    def save_model(self, request, obj, form, change):
        try:
            services.practice_save(practice=obj, actor=request.user)
        except ValidationError as error:
            # The form has already passed; the schema check is the last word. Nothing is saved.
            messages.error(request, "; ".join(error.messages))
            raise

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        original_clean = form.clean

        def clean(form_self):
            cleaned = original_clean(form_self)
            candidate = form_self.instance
            for name, value in cleaned.items():
                setattr(candidate, name, value)
            from .interchange import record_from_practice
            from .validation import record_errors

            problems = record_errors(record_from_practice(candidate))
            if problems:
                raise ValidationError([str(problem) for problem in problems])
            return cleaned

        form.clean = clean
        return form
