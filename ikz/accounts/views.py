from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ikz.accounts.models import RoleAssignment
from ikz.accounts.services import (
    LoginThrottled,
    check_login_allowed,
    clear_login_failures,
    record_login_failure,
)
from ikz.forms import KernFormMixin


def client_address(request: HttpRequest) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or behind ``IKZ_PROXY_COUNT`` reverse proxies the entry
    of ``X-Forwarded-For`` that the outermost trusted proxy added (entries further left can be forged)."""
    proxies = settings.IKZ_PROXY_COUNT
    if proxies > 0:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        chain = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(chain) >= proxies:
            return chain[-proxies]
    remote: str | None = request.META.get("REMOTE_ADDR") or None
    return remote


class LoginForm(KernFormMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Benutzername oder Passwort ist falsch. Bitte prüfen Sie beides – "
            "Groß- und Kleinschreibung werden unterschieden."
        ),
        "throttled": _(
            "Zu viele fehlgeschlagene Anmeldeversuche für dieses Konto oder von dieser Adresse. "
            "Bitte warten Sie %(minutes)s Minute(n) und versuchen Sie es dann erneut, oder setzen Sie "
            "Ihr Passwort über „Passwort vergessen?“ zurück."
        ),
    }

    def clean(self) -> dict[str, object]:
        """Throttle guessing: refuse while the account or the address has failed too often, and
        count each failed attempt (settings IKZ_LOGIN_*)."""
        username = str(self.data.get("username") or "").strip()
        address = client_address(self.request) if self.request is not None else None
        try:
            check_login_allowed(username, address)
        except LoginThrottled as exc:
            raise ValidationError(
                self.error_messages["throttled"], code="throttled", params={"minutes": exc.minutes}
            ) from exc
        try:
            cleaned: dict[str, object] = super().clean()
        except ValidationError as exc:
            if username and any(error.code == "invalid_login" for error in exc.error_list):
                record_login_failure(username, address)
            raise
        clear_login_failures(username)
        return cleaned


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    form_class = LoginForm


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    assignments = RoleAssignment.objects.filter(user=request.user.pk).select_related("region", "municipality")
    return render(request, "accounts/profile.html", {"assignments": assignments})


class KernPasswordChangeForm(KernFormMixin, PasswordChangeForm):
    pass


class KernPasswordResetForm(KernFormMixin, PasswordResetForm):
    pass


class KernSetPasswordForm(KernFormMixin, SetPasswordForm):
    pass
