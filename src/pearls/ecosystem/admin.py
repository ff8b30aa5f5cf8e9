from django.contrib import admin

from .models import CulturalAsset, Relationship, Stakeholder


@admin.register(Stakeholder)
class StakeholderAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality", "organisation_type", "sector", "influence", "interest")
    list_filter = ("sector", "organisation_type")
    search_fields = ("name", "municipality__official_name")
    readonly_fields = ("created_by", "created_at", "updated_at")
    list_select_related = ("municipality",)


@admin.register(CulturalAsset)
class CulturalAssetAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality", "kind", "latitude", "longitude")
    list_filter = ("kind",)
    search_fields = ("name", "address", "municipality__official_name")
    readonly_fields = ("created_by", "created_at", "updated_at")
    list_select_related = ("municipality",)


@admin.register(Relationship)
class RelationshipAdmin(admin.ModelAdmin):
    list_display = ("stakeholder", "kind", "asset", "other", "municipality")
    list_filter = ("kind",)
    search_fields = ("stakeholder__name", "asset__name", "other__name")
    raw_id_fields = ("stakeholder", "asset", "other")
    list_select_related = ("stakeholder", "asset", "other", "municipality")
