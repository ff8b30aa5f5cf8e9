from django.contrib import admin

from .models import WorksheetAnswer


@admin.register(WorksheetAnswer)
class WorksheetAnswerAdmin(admin.ModelAdmin):
    """For support only: teams edit their worksheets on the site, where saves are checked for
    conflicts and audited."""

    list_display = ("municipality", "canvas", "revision", "updated_at")
    list_filter = ("canvas",)
    search_fields = ("municipality__official_name", "canvas")
    readonly_fields = ("municipality", "canvas", "answers", "revision", "updated_by", "updated_at")

    def has_add_permission(self, request):
        return False
