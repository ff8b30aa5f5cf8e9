from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only, also for superusers."""

    list_display = ["at", "action", "object_type", "object_id", "actor"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "action", "actor"]
    readonly_fields = [
        "at",
        "action",
        "object_type",
        "object_id",
        "actor",
        "changed_fields",
        "details",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
