import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ikz.accounts import access, oidc, queries, rules, services
from ikz.accounts.forms import ConfirmIdentityForm, ConfirmSetupForm, SecondFactorForm
from ikz.accounts.models import User
from ikz.accounts.services import (
    LoginThrottled,
    check_login_allowed,
    clear_login_failures,
    record_login_failure,
)
from ikz.forms import KernFormMixin
from ikz.lib.client import client_address as lib_client_address

# Session key of a login whose password was right and whose second factor is still missing.
PENDING = "ikz_2fa_pending"


def client_address(request: HttpRequest) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or behind ``IKZ_PROXY_COUNT`` reverse proxies the entry
    of ``X-Forwarded-For`` that the outermost trusted proxy added (entries further left can be forged)."""
    return lib_client_address(request.META, settings.IKZ_PROXY_COUNT)


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
        # IKZ_PASSWORD_LOGIN (decision 187); said only once the password was right
        "sso_only_office": _(
            "Die Anmeldung mit Passwort ist nur für die Geschäftsstelle geöffnet (Notfallzugang). Bitte "
            "melden Sie sich mit dem Konto Ihrer Verwaltung an: „Mit Single Sign-on anmelden“."
        ),
        "sso_only_linked": _(
            "Ihr Konto meldet sich über Ihre Verwaltung an; die Anmeldung mit Passwort ist dafür "
            "abgeschaltet. Bitte wählen Sie „Mit Single Sign-on anmelden“."
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
        user = self.get_user()
        if user is not None and not access.password_login_allowed(user):
            code = "sso_only_office" if settings.IKZ_PASSWORD_LOGIN == "office" else "sso_only_linked"
            raise ValidationError(self.error_messages[code], code=code)
        if user is None or not queries.has_confirmed_device(user):
            # With two factors the count is cleared only after the code, so that knowing the
            # password does not buy unlimited guesses at the code.
            clear_login_failures(username)
        return cleaned


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    form_class = LoginForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sso_enabled"] = settings.IKZ_OIDC_ENABLED
        context["password_login"] = settings.IKZ_PASSWORD_LOGIN if settings.IKZ_OIDC_ENABLED else "all"
        return context

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        """Password right: log in — or, with an authenticator app, ask for the code first."""
        user = form.get_user()
        if not queries.has_confirmed_device(user):
            return super().form_valid(form)
        self.request.session.cycle_key()  # a planted session id learns nothing from this step
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[0]),
            "at": time.time(),
            "next": self.get_redirect_url(),
        }
        return redirect("accounts:login_code")


class LogoutView(auth_views.LogoutView):
    """Logging out. A session that came through single sign-on also ends at the provider: the browser
    goes to its end_session_endpoint and comes back to the login page (decision 185)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        provider = oidc.provider_logout_url(request) if settings.IKZ_OIDC_ENABLED else None
        response: HttpResponse = super().post(request, *args, **kwargs)
        return redirect(provider) if provider else response


def _pending_user(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict):
        return None
    if time.time() - float(pending.get("at", 0)) > settings.IKZ_2FA_PENDING_MINUTES * 60:
        del request.session[PENDING]
        return None
    user_id = pending.get("user")
    if not isinstance(user_id, int):
        return None
    user = queries.active_user(user_id)
    return (user, pending) if user is not None else None


def login_code(request: HttpRequest) -> HttpResponse:
    """Second step of the login: the code of the authenticator app or a recovery code."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    found = _pending_user(request)
    if found is None:
        messages.info(request, _g("Bitte melden Sie sich zuerst mit Benutzername und Passwort an."))
        return redirect("accounts:login")
    user, pending = found
    form = SecondFactorForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        address = client_address(request)
        try:
            check_login_allowed(user.username, address)
            kind = services.verify_second_factor(user, form.cleaned_data["code"])
        except LoginThrottled as exc:
            form.add_error(None, LoginForm.error_messages["throttled"] % {"minutes": exc.minutes})
            status = 429
        except ValidationError as exc:
            record_login_failure(user.username, address)
            form.add_error("code", exc)
            status = 400
        else:
            clear_login_failures(user.username)
            del request.session[PENDING]
            auth_login(request, user, backend=pending["backend"])
            if kind == "recovery":
                messages.warning(
                    request,
                    _g(
                        "Sie haben sich mit einem Wiederherstellungscode angemeldet; er gilt jetzt nicht "
                        "mehr. Noch unbenutzt: %(left)s. Erzeugen Sie bei Bedarf neue Codes unter "
                        "„Zwei-Faktor-Anmeldung“."
                    )
                    % {"left": queries.unused_recovery_codes(user)},
                )
            target = str(pending.get("next") or "")
            if not url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                target = resolve_url(settings.LOGIN_REDIRECT_URL)
            return redirect(target)
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/login_code.html", {"form": form}, status=status)


def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The back office has no login of its own (it would skip the second factor): anonymous
    visitors go to the platform's login, logged-in persons without back-office rights get 403."""
    if request.user.is_authenticated:
        raise PermissionDenied
    target = request.GET.get("next", "")
    login_url = resolve_url("accounts:login")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        from urllib.parse import urlencode

        login_url = f"{login_url}?{urlencode({'next': target})}"
    return redirect(login_url)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "accounts/profile.html",
        {"assignments": queries.assignments_of(user), "two_factor": queries.has_confirmed_device(user)},
    )


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _two_factor_page(request: HttpRequest, *, status: int = 200, **forms: Any) -> HttpResponse:
    user = _user(request)
    device = queries.device_of(user)
    context: dict[str, Any] = {"device": device, "required": access.two_factor_required(user)}
    if device is not None and device.confirmed_at is None:
        secret = queries.pending_secret(user)
        if secret:
            context |= {
                "secret_grouped": rules.grouped(secret),
                "otpauth_uri": rules.otpauth_uri(secret, user.get_username(), settings.IKZ_PLATFORM_NAME),
            }
            context["qr_code"] = rules.qr_data_uri(context["otpauth_uri"])
        context["confirm_form"] = forms.get("confirm_form") or ConfirmSetupForm()
    elif device is not None:
        context |= {
            "unused_codes": queries.unused_recovery_codes(user),
            "codes_form": forms.get("codes_form") or ConfirmIdentityForm(prefix="codes"),
            "disable_form": forms.get("disable_form") or ConfirmIdentityForm(prefix="disable"),
        }
    return render(request, "accounts/two_factor.html", context, status=status)


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Two-factor authentication of the own account: set up, confirm, new recovery codes, switch off."""
    return _two_factor_page(request)


@login_required
@require_POST
def two_factor_start(request: HttpRequest) -> HttpResponse:
    try:
        services.start_totp_setup(_user(request), actor=_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:two_factor")


@login_required
@require_POST
def two_factor_confirm(request: HttpRequest) -> HttpResponse:
    form = ConfirmSetupForm(request.POST)
    if form.is_valid():
        try:
            codes = services.confirm_totp(_user(request), form.cleaned_data["code"], actor=_user(request))
        except ValidationError as exc:
            if queries.has_confirmed_device(_user(request)):  # e.g. the form sent twice
                return redirect("accounts:two_factor")
            form.add_error("code", exc)
        else:
            # Rendered, not redirected: the codes are never stored, not even in the session.
            return render(request, "accounts/two_factor_codes.html", {"codes": codes, "new": True})
    return _two_factor_page(request, status=400, confirm_form=form)


def _identity_confirmed(request: HttpRequest, form: ConfirmIdentityForm) -> bool:
    """A valid code (spent like at login) or the right password; wrong attempts count as login
    failures, so this form cannot be used to guess either."""
    user = _user(request)
    address = client_address(request)
    if not form.is_valid():
        return False
    code, password = form.cleaned_data["code"], form.cleaned_data["password"]
    try:
        check_login_allowed(user.username, address)
    except LoginThrottled as exc:
        form.add_error(None, LoginForm.error_messages["throttled"] % {"minutes": exc.minutes})
        return False
    if (code and services.check_second_factor(user, code)) or (password and user.check_password(password)):
        return True
    if code or password:
        record_login_failure(user.username, address)
    form.add_error(
        None, _g("Bitte geben Sie einen gültigen Code aus Ihrer Authenticator-App oder Ihr Passwort ein.")
    )
    return False


@login_required
@require_POST
def two_factor_recovery_codes(request: HttpRequest) -> HttpResponse:
    form = ConfirmIdentityForm(request.POST, prefix="codes")
    if not _identity_confirmed(request, form):
        return _two_factor_page(request, status=400, codes_form=form)
    try:
        codes = services.regenerate_recovery_codes(_user(request), actor=_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("accounts:two_factor")
    return render(request, "accounts/two_factor_codes.html", {"codes": codes, "new": False})


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    form = ConfirmIdentityForm(request.POST, prefix="disable")
    if not _identity_confirmed(request, form):
        return _two_factor_page(request, status=400, disable_form=form)
    services.remove_totp(_user(request), actor=_user(request))
    messages.success(request, _g("Die Zwei-Faktor-Anmeldung ist ausgeschaltet."))
    return redirect("accounts:two_factor")
