"""Settings of the IKZ-Plattform: one file, driven by environment variables.

Every variable is documented in docs/configuration.md. Missing or malformed values fail loudly at
start-up instead of falling back silently, except where a safe development default exists and
``IKZ_DEBUG=1`` says that this is a development or demo machine.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Die Umgebungsvariable {name} fehlt (siehe docs/configuration.md).")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "ja", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "nein", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} muss 0 oder 1 sein, nicht {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} muss eine ganze Zahl sein, nicht {raw!r}.") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("IKZ_DEBUG", False)
SECRET_KEY = env_str("IKZ_SECRET_KEY", "unsicherer-entwicklungsschluessel-nur-fuer-demo" if DEBUG else None)
# Former secret keys, comma-separated, while sessions, reset links and encrypted 2FA secrets move on.
SECRET_KEY_FALLBACKS = env_list("IKZ_SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("IKZ_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("IKZ_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ikz.accounts",
    "ikz.audit",
    "ikz.municipalities",
    "ikz.cooperation",
    "ikz.surveys",
    "ikz.interests",
    "ikz.resolutions",
    "ikz.projects",
    "ikz.reports",
    "ikz.costs",
    "ikz.membership",
    "ikz.search",
    "ikz.documents",
    "ikz.network",
    "ikz.notifications",
    "ikz.transfer",
    "ikz.portal",
    "ikz.demo",
    "ikz.backup",
    "ikz.privacy",
    "ikz.api",
    "ikz.imports",
    "ikz.jobs",
    "ikz.health",
    "ikz.legal",
    "ikz.partners",
    "ikz.invoicing",
    "ikz.governance",
    "ikz.meetings",
    "ikz.pagecache",
    "ikz.funding",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ikz.audit.security.SecurityContextMiddleware",
    "ikz.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ikz.middleware.GermanByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ikz.middleware.RequestRolesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ikz.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ikz.pagecache.middleware.PageCacheMiddleware",
]

ROOT_URLCONF = "ikz.urls"
WSGI_APPLICATION = "ikz.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ikz" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "ikz.accounts.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("IKZ_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # an unreachable database server fails a request (and the health check) within seconds
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

# Rendered read-only pages kept per data generation and viewer (decision 205, ikz/pagecache). The
# generation is read from the database on every request, so any store is correct, also with several
# servers; by default files in a private folder of this machine, shared by its worker processes
# (one folder per database); IKZ_PAGE_CACHE_DIR another folder; IKZ_PAGE_CACHE=0 switches the pages
# off, IKZ_READ_CACHE=0 the reads.
IKZ_PAGE_CACHE = env_bool("IKZ_PAGE_CACHE", True)
IKZ_READ_CACHE = env_bool("IKZ_READ_CACHE", True)  # expensive reads kept per generation, same store
_PAGES_DB = "{HOST}:{PORT}/{NAME}".format(
    **{k: DATABASES["default"].get(k) or "" for k in ("HOST", "PORT", "NAME")}
)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str(
            "IKZ_PAGE_CACHE_DIR",
            str(
                Path(tempfile.gettempdir())
                / f"ikz-pages-{hashlib.sha256(_PAGES_DB.encode()).hexdigest()[:12]}"
            ),
        ),
        "TIMEOUT": env_int("IKZ_PAGE_CACHE_SECONDS", 3600),
        "OPTIONS": {"MAX_ENTRIES": env_int("IKZ_PAGE_CACHE_ENTRIES", 2000)},
    },
}

# A connection kept between requests is checked before use: a database that restarted or failed
# over to its standby is reconnected, not an error page (decision 158).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Background jobs (ikz/jobs): django-tasks with its database backend, the database the platform
# already has; workers: `manage.py run_worker` (decision 156).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The token a monitor sends (Authorization: Bearer …) to read the details of /status/health.json;
# without it the answer says only "ok" or "stale" (docs/betrieb.md).
IKZ_HEALTH_TOKEN = env_str("IKZ_HEALTH_TOKEN", "")
# Requests per minute the REST API answers per key (or per person / address without one), counted
# in the database so that every app server shares the count (decision 191).
IKZ_API_RATE_PER_MINUTE = env_int("IKZ_API_RATE_PER_MINUTE", 600)
# Seconds a worker may stay silent before its running job is taken over by another worker (the
# heartbeat comes every 5 s; at least 10). The scale test shortens it (decision 173).
IKZ_JOB_STALE_SECONDS = env_int("IKZ_JOB_STALE_SECONDS", 30)
if IKZ_JOB_STALE_SECONDS < 10:
    raise ImproperlyConfigured(
        f"IKZ_JOB_STALE_SECONDS muss mindestens 10 sein (zwei Herzschläge), nicht {IKZ_JOB_STALE_SECONDS}."
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("IKZ_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "ikz" / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
FORMS_URLFIELD_ASSUME_HTTPS = True
MEDIA_ROOT = Path(env_str("IKZ_MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"
# Uploaded files in S3-compatible object storage (AWS, MinIO, Ceph, a municipal data centre) when a
# bucket is named, so that several app servers share one file store; the local disk otherwise.
# Files are only ever sent through the application (access checks), never as S3 links.
IKZ_S3_BUCKET = env_str("IKZ_S3_BUCKET", "")
IKZ_S3_ENDPOINT_URL = env_str("IKZ_S3_ENDPOINT_URL", "")
IKZ_S3_REGION = env_str("IKZ_S3_REGION", "eu-central-1")
IKZ_S3_TIMEOUT = env_int("IKZ_S3_TIMEOUT", 10)
if IKZ_S3_ENDPOINT_URL and not IKZ_S3_ENDPOINT_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"IKZ_S3_ENDPOINT_URL muss mit http:// oder https:// beginnen, nicht {IKZ_S3_ENDPOINT_URL!r}."
    )
if IKZ_S3_BUCKET:
    from botocore.config import Config as _S3Config

    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": IKZ_S3_BUCKET,
            "endpoint_url": IKZ_S3_ENDPOINT_URL or None,
            "access_key": env_str("IKZ_S3_ACCESS_KEY", "") or None,
            "secret_key": env_str("IKZ_S3_SECRET_KEY", "") or None,
            "region_name": IKZ_S3_REGION,
            "file_overwrite": False,
            "default_acl": None,  # private: the bucket's own policy, no public-read
            "querystring_auth": True,
            # Path-style addressing for non-AWS endpoints (MinIO, Ceph); a down endpoint fails
            # within seconds instead of hanging a request (the user gets a German message).
            "client_config": _S3Config(
                s3={
                    "addressing_style": env_str(
                        "IKZ_S3_ADDRESSING_STYLE", "path" if IKZ_S3_ENDPOINT_URL else "auto"
                    )
                },
                connect_timeout=IKZ_S3_TIMEOUT,
                read_timeout=IKZ_S3_TIMEOUT * 3,
                retries={"mode": "standard", "max_attempts": env_int("IKZ_S3_MAX_ATTEMPTS", 3)},
            ),
        },
    }
# Where `manage.py backup` writes when no --ziel is given.
IKZ_BACKUP_DIR = Path(env_str("IKZ_BACKUP_DIR", str(BASE_DIR / "backups")))

EMAIL_BACKEND = env_str(
    "IKZ_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("IKZ_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("IKZ_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("IKZ_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("IKZ_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("IKZ_EMAIL_USE_TLS", False)
# SMTP over SSL from the first byte (port 465), the alternative to STARTTLS; not both.
EMAIL_USE_SSL = env_bool("IKZ_EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "IKZ_EMAIL_USE_TLS und IKZ_EMAIL_USE_SSL schließen einander aus; bitte nur eines auf 1 setzen."
    )
# Seconds an SMTP connection may hang before the send gives up (Django's default is no limit): the
# outbox (send_notifications) and the reminders of a survey send one mail per person in a loop.
EMAIL_TIMEOUT = env_int("IKZ_EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("IKZ_DEFAULT_FROM_EMAIL", "IKZ-Plattform <noreply@localhost>")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("IKZ_SESSION_SECONDS", 8 * 60 * 60)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy of every page (ikz.middleware): nothing from elsewhere, nothing inline.
IKZ_CSP = env_str(
    "IKZ_CSP",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)
IKZ_ADMIN_PATH = "/verwaltung/"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("IKZ_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("IKZ_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preload binds the whole registrable domain (e.g. every subdomain of a Kreis) for months; that
    # is the domain owner's decision, not the platform's. Off by default, hence W021 is silenced.
    SECURE_HSTS_PRELOAD = env_bool("IKZ_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Login throttling: failures per account and per address within the lock window.
IKZ_LOGIN_MAX_FAILURES = env_int("IKZ_LOGIN_MAX_FAILURES", 5)
IKZ_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("IKZ_LOGIN_MAX_FAILURES_PER_ADDRESS", 20)
IKZ_LOGIN_LOCK_MINUTES = env_int("IKZ_LOGIN_LOCK_MINUTES", 15)
# Two-factor authentication (authenticator app): when on, office accounts must set it up before
# they can use any page (logins by single sign-on are exempt: the identity provider does MFA).
IKZ_2FA_REQUIRED_FOR_OFFICE = env_bool("IKZ_2FA_REQUIRED_FOR_OFFICE", False)
# Minutes between password and code before the login has to start again.
IKZ_2FA_PENDING_MINUTES = env_int("IKZ_2FA_PENDING_MINUTES", 5)
# Single sign-on via OpenID Connect (e.g. the municipal Keycloak), off by default. Only persons who
# already have an account log in (matched by verified e-mail or by user name); nobody is created.
IKZ_OIDC_ENABLED = env_bool("IKZ_OIDC_ENABLED", False)
IKZ_OIDC_MATCH_BY = env_str("IKZ_OIDC_MATCH_BY", "email")
if IKZ_OIDC_MATCH_BY not in {"email", "username"}:
    raise ImproperlyConfigured(
        f"IKZ_OIDC_MATCH_BY muss email oder username sein, nicht {IKZ_OIDC_MATCH_BY!r}."
    )
IKZ_OIDC_USERNAME_CLAIM = env_str("IKZ_OIDC_USERNAME_CLAIM", "preferred_username")
IKZ_OIDC_ISSUER = env_str("IKZ_OIDC_ISSUER", "").rstrip("/")
# Logging out also ends the session at the provider (RP-initiated logout); empty: local logout only.
IKZ_OIDC_END_SESSION_ENDPOINT = ""
# Minutes after which a single sign-on session is checked again at the provider (prompt=none); 0: never.
IKZ_OIDC_REFRESH_MINUTES = env_int("IKZ_OIDC_REFRESH_MINUTES", 15)
# Password login next to single sign-on: all | office (break-glass) | sso-accounts-off (decision 187).
IKZ_PASSWORD_LOGIN = env_str("IKZ_PASSWORD_LOGIN", "all")
if IKZ_PASSWORD_LOGIN not in {"all", "office", "sso-accounts-off"}:
    raise ImproperlyConfigured(
        f"IKZ_PASSWORD_LOGIN muss all, office oder sso-accounts-off sein, nicht {IKZ_PASSWORD_LOGIN!r}."
    )
if IKZ_PASSWORD_LOGIN != "all" and not IKZ_OIDC_ENABLED:
    raise ImproperlyConfigured(
        "IKZ_PASSWORD_LOGIN schränkt die Anmeldung mit Passwort nur zusammen mit IKZ_OIDC_ENABLED=1 ein; "
        "ohne Single Sign-on muss es all sein."
    )
if IKZ_OIDC_ENABLED:
    # Endpoints default to Keycloak's layout under the realm's issuer address.
    _issuer = IKZ_OIDC_ISSUER or env_str("IKZ_OIDC_ISSUER", None)
    OIDC_RP_CLIENT_ID = env_str("IKZ_OIDC_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env_str("IKZ_OIDC_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str(
        "IKZ_OIDC_AUTHORIZATION_ENDPOINT", f"{_issuer}/protocol/openid-connect/auth"
    )
    OIDC_OP_TOKEN_ENDPOINT = env_str("IKZ_OIDC_TOKEN_ENDPOINT", f"{_issuer}/protocol/openid-connect/token")
    OIDC_OP_USER_ENDPOINT = env_str(
        "IKZ_OIDC_USERINFO_ENDPOINT", f"{_issuer}/protocol/openid-connect/userinfo"
    )
    OIDC_OP_JWKS_ENDPOINT = env_str("IKZ_OIDC_JWKS_ENDPOINT", f"{_issuer}/protocol/openid-connect/certs")
    OIDC_RP_SIGN_ALGO = env_str("IKZ_OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env_str("IKZ_OIDC_SCOPES", "openid email profile")
    OIDC_USE_PKCE = True
    OIDC_CREATE_USER = False
    OIDC_TIMEOUT = env_int("IKZ_OIDC_TIMEOUT_SECONDS", 10)
    OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
    LOGIN_REDIRECT_URL_FAILURE = "accounts:login"
    # RP-initiated logout needs the ID token as id_token_hint (decision 185).
    OIDC_STORE_ID_TOKEN = True
    IKZ_OIDC_END_SESSION_ENDPOINT = env_str(
        "IKZ_OIDC_END_SESSION_ENDPOINT", f"{_issuer}/protocol/openid-connect/logout"
    ).strip()
    OIDC_OP_LOGOUT_URL_METHOD = "ikz.accounts.oidc.end_session_url"
    # Sessions are refreshed against the provider (decision 186).
    OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = max(IKZ_OIDC_REFRESH_MINUTES, 0) * 60
    if IKZ_OIDC_REFRESH_MINUTES > 0:
        MIDDLEWARE.insert(
            MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
            "ikz.accounts.oidc.SsoSessionRefresh",
        )
    AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "ikz.accounts.oidc.OidcBackend",
    ]
# Reverse proxies in front of gunicorn that append to X-Forwarded-For (nginx: 1); 0 = use REMOTE_ADDR.
IKZ_PROXY_COUNT = env_int("IKZ_PROXY_COUNT", 0)

# Name shown in the header; the region is taken from the user's roles.
IKZ_PLATFORM_NAME = env_str("IKZ_PLATFORM_NAME", "IKZ-Plattform")
# Document library: upload limit in MB and the kinds accepted (detected from the bytes).
IKZ_UPLOAD_MAX_MB = env_int("IKZ_UPLOAD_MAX_MB", 20)
IKZ_UPLOAD_TYPES = env_list("IKZ_UPLOAD_TYPES", "pdf,docx,xlsx,pptx,txt")
if unknown := set(IKZ_UPLOAD_TYPES) - {"pdf", "docx", "xlsx", "pptx", "txt"}:
    raise ImproperlyConfigured(
        f"IKZ_UPLOAD_TYPES kennt {sorted(unknown)} nicht (erlaubt: pdf,docx,xlsx,pptx,txt)."
    )
DATA_UPLOAD_MAX_MEMORY_SIZE = (IKZ_UPLOAD_MAX_MB + 1) * 1024 * 1024
# Uploads larger than this (KB) get their full text in a background job, not in the request.
IKZ_EXTRACT_INLINE_MAX_KB = env_int("IKZ_EXTRACT_INLINE_MAX_KB", 512)
# Reuse network: owners confirm their entries; after this many days they are reminded and the
# entry is marked as not confirmed recently ("veraltet").
IKZ_NETWORK_CONFIRM_DAYS = env_int("IKZ_NETWORK_CONFIRM_DAYS", 365)
# Minimum text similarity (percent) for a need to match a solution of the same field.
IKZ_NETWORK_MATCH_THRESHOLD = env_int("IKZ_NETWORK_MATCH_THRESHOLD", 15)
# Notifications: how many days before a deadline the reminder is due.
IKZ_NOTIFY_DAYS_BEFORE = env_int("IKZ_NOTIFY_DAYS_BEFORE", 7)
# The platform's public address (no trailing slash): links in e-mails, the calendar feed and
# security.txt. Required in production: without it every e-mail carries relative links (decision 183).
IKZ_BASE_URL = env_str("IKZ_BASE_URL", "http://127.0.0.1:8000" if DEBUG else None).strip().rstrip("/")
if not IKZ_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "Die Umgebungsvariable IKZ_BASE_URL muss die öffentliche Adresse der Plattform sein und mit "
        "https:// (oder http://) beginnen, z. B. https://ikz.example.de (siehe docs/configuration.md), "
        f"nicht {IKZ_BASE_URL!r}."
    )
# Whom to tell about a vulnerability (/.well-known/security.txt): an e-mail address or an https
# address; empty: the address of IKZ_DEFAULT_FROM_EMAIL.
IKZ_SECURITY_CONTACT = env_str("IKZ_SECURITY_CONTACT", "").strip()
if IKZ_SECURITY_CONTACT and not re.fullmatch(
    r"(mailto:)?[^@\s:/]+@[^@\s/]+|https://\S+", IKZ_SECURITY_CONTACT
):
    raise ImproperlyConfigured(
        "IKZ_SECURITY_CONTACT muss eine E-Mail-Adresse oder eine https-Adresse sein, "
        f"nicht {IKZ_SECURITY_CONTACT!r}."
    )

# Where the official register files live (tests and the demo's data check read them from there).
IKZ_SHARED_DATA_DIR = Path(env_str("IKZ_SHARED_DATA_DIR", str(BASE_DIR.parent / "shared" / "data")))
# The VG250 topology from which neighbours (shared borders) and centres are computed (decision 261).
IKZ_NEIGHBOUR_FILE = Path(
    env_str(
        "IKZ_NEIGHBOUR_FILE", str(IKZ_SHARED_DATA_DIR / "vg250_gemeinden_kreise_laender_simplified.topojson")
    )
)

# Log lines as plain text (default) or one JSON object per line for a SIEM (docs/betrieb.md).
IKZ_LOG_FORMAT = env_str("IKZ_LOG_FORMAT", "text").strip().lower()
if IKZ_LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"IKZ_LOG_FORMAT muss text oder json sein, nicht {IKZ_LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(message)s"},
        "json": {"()": "ikz.audit.security.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": IKZ_LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("IKZ_LOG_LEVEL", "INFO")},
    "loggers": {
        # fpdf2's font subsetting logs every glyph at INFO; that is noise for operators
        "fontTools": {"level": "WARNING"},
        # security events (ikz.audit.security) are written whatever IKZ_LOG_LEVEL says
        "ikz.security": {"level": "INFO"},
    },
}
