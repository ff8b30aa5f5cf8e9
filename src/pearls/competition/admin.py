from django.contrib import admin

from .models import Edition


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["name", "title_year", "phase", "time_zone"]
    list_filter = ["phase"]
