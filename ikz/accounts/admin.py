from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from ikz.accounts.models import RoleAssignment, User
from ikz.audit.admin import AuditedAdmin


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ("municipality",)


@admin.register(User)
class IkzUserAdmin(AuditedAdmin, UserAdmin):
    inlines = (RoleInline,)
    list_display = ("username", "first_name", "last_name", "email", "is_demo", "is_staff")
    fieldsets = (*UserAdmin.fieldsets, ("IKZ", {"fields": ("function", "phone", "is_demo")}))  # type: ignore[misc]
