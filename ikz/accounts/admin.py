from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from ikz.accounts.models import LoginFailure, RoleAssignment, User
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


@admin.register(LoginFailure)
class LoginFailureAdmin(AuditedAdmin):
    """Failed logins, read-only; deleting an account's rows lifts its block at once."""

    list_display = ("username", "address", "at")
    search_fields = ("username", "address")
    list_filter = ("at",)
    readonly_fields = ("username", "address", "at")

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
