from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, path, reverse_lazy

from ikz.accounts import views

app_name = "accounts"

urlpatterns = [
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("anmelden/code/", views.login_code, name="login_code"),
    path("abmelden/", views.LogoutView.as_view(), name="logout"),
    path(
        "passwort/aendern/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            form_class=views.KernPasswordChangeForm,
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "passwort/geaendert/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "passwort/vergessen/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=views.KernPasswordResetForm,
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "passwort/vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "passwort/neu/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            form_class=views.KernSetPasswordForm,
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "passwort/neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("profil/", views.profile, name="profile"),
    path("zwei-faktor/", views.two_factor, name="two_factor"),
    path("zwei-faktor/einrichten/", views.two_factor_start, name="two_factor_start"),
    path("zwei-faktor/bestaetigen/", views.two_factor_confirm, name="two_factor_confirm"),
    path(
        "zwei-faktor/wiederherstellungscodes/",
        views.two_factor_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("zwei-faktor/ausschalten/", views.two_factor_disable, name="two_factor_disable"),
    # People and access ("Personen und Zugänge")
    path("personen/", views.people_list, name="people_list"),
    path("personen/einladen/", views.person_invite, name="person_invite"),
    path("personen/<int:pk>/", views.person_detail, name="person_detail"),
    path("personen/<int:pk>/verlauf/", views.person_history, name="person_history"),
    path("personen/<int:pk>/rolle/", views.person_role_add, name="person_role_add"),
    path(
        "personen/<int:pk>/rollen/<int:assignment>/entziehen/",
        views.person_role_remove,
        name="person_role_remove",
    ),
    path("personen/<int:pk>/deaktivieren/", views.person_deactivate, name="person_deactivate"),
    path("personen/<int:pk>/reaktivieren/", views.person_reactivate, name="person_reactivate"),
    path(
        "personen/<int:pk>/zwei-faktor-zuruecksetzen/",
        views.person_two_factor_reset,
        name="person_two_factor_reset",
    ),
    path("personen/<int:pk>/einladung/", views.person_invitation_resend, name="person_invitation_resend"),
    path("kommunen/<int:pk>/zugaenge/", views.municipality_access, name="municipality_access"),
    path("einladung/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("einladung/<str:token>/neu/", views.invitation_renew, name="invitation_renew"),
]


def sso_patterns() -> list[URLPattern]:
    """Single sign-on (OpenID Connect): only mounted when ``IKZ_OIDC_ENABLED`` is on."""
    from mozilla_django_oidc.views import OIDCAuthenticationRequestView

    from ikz.accounts.oidc import SsoCallbackView

    return [
        path("sso/", OIDCAuthenticationRequestView.as_view(), name="sso_login"),
        path("sso/antwort/", SsoCallbackView.as_view(), name="sso_callback"),
    ]


if settings.IKZ_OIDC_ENABLED:
    urlpatterns += sso_patterns()
