from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikz.accounts.models import LoginFailure, RoleAssignment, TotpDevice, User
from ikz.accounts.services import remove_totp
from ikz.audit.admin import AuditedAdmin


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ("municipality",)


@admin.register(User)
class IkzUserAdmin(AuditedAdmin, UserAdmin):
    inlines = (RoleInline,)
    list_display = ("username", "first_name", "last_name", "email", "is_demo", "is_staff", "two_factor")
    fieldsets = (*UserAdmin.fieldsets, ("IKZ", {"fields": ("function", "phone", "is_demo")}))  # type: ignore[misc]
    actions = ("reset_two_factor",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        devices = TotpDevice.objects.filter(user=OuterRef("pk"), confirmed_at__isnull=False)
        users: QuerySet[User] = super().get_queryset(request)
        return users.annotate(has_two_factor=Exists(devices))

    @admin.display(boolean=True, description=gettext_lazy("Zwei-Faktor"), ordering="has_two_factor")
    def two_factor(self, obj: User) -> bool:
        return bool(getattr(obj, "has_two_factor", False))

    @admin.action(
        permissions=["change"],
        description=gettext_lazy("Zwei-Faktor-Anmeldung zurücksetzen (Telefon verloren)"),
    )
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        """For a person who lost the phone and the recovery codes (check the identity first)."""
        actor = request.user if isinstance(request.user, User) else None
        reset = [
            user.username for user in queryset if remove_totp(user, actor=actor, reason=_("Back-Office"))
        ]
        if reset:
            self.message_user(
                request,
                _("Zwei-Faktor-Anmeldung zurückgesetzt für: %(names)s") % {"names": ", ".join(reset)},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request, _("Keines der Konten hatte eine Zwei-Faktor-Anmeldung."), messages.INFO
            )


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
