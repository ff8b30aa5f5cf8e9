from django.contrib import admin

from .models import Assessment, Response


class ResponseInline(admin.TabularInline):
    model = Response
    fields = ("kind", "organisation_type", "language", "submitted_at")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("title", "municipality", "opened_at", "closed_at")
    list_filter = ("closed_at",)
    search_fields = ("title", "municipality__official_name")
    readonly_fields = ("survey_key", "opened_at", "created_by")
    inlines = [ResponseInline]
