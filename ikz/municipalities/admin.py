from django.contrib import admin

from ikz.audit.admin import AuditedAdmin
from ikz.municipalities.models import (
    ContactPerson,
    Municipality,
    PopulationFigure,
    Region,
    RegionMember,
    SizeClass,
    SteeringGroupMember,
)


class PopulationInline(admin.TabularInline):
    model = PopulationFigure
    extra = 0
    fields = ("stichtag", "total", "male", "source", "is_sum")
    readonly_fields = ("is_sum",)


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin):
    list_display = ("name", "key", "kind", "level", "kreis", "is_historical")
    list_filter = ("level", "kind", "is_historical", "land")
    search_fields = ("name", "short_name", "key")
    raw_id_fields = ("parent", "land", "regierungsbezirk", "kreis", "verband", "current_population")
    list_select_related = ("kreis",)


@admin.register(ContactPerson)
class ContactPersonAdmin(AuditedAdmin):
    list_display = ("name", "function", "municipality", "email", "is_demo")
    search_fields = ("name", "email", "municipality__name")
    raw_id_fields = ("municipality", "user")


class MemberInline(admin.TabularInline):
    model = RegionMember
    extra = 0
    raw_id_fields = ("municipality",)


class SteeringInline(admin.TabularInline):
    model = SteeringGroupMember
    extra = 0
    raw_id_fields = ("municipality", "user")


class SizeClassInline(admin.TabularInline):
    model = SizeClass
    extra = 0


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ("name", "office_name")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (MemberInline, SteeringInline, SizeClassInline)
    raw_id_fields = ("office_host",)
