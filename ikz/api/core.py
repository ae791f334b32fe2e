"""The one ``NinjaAPI`` of the platform: authentication, German error answers, paging.

Every app adds its resources in ``ikz/<app>/api.py`` (a ``Router``); ``ikz/api/urls.py`` mounts
them. Querysets come from the apps' ``access.py`` — the same rules as the web pages.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import CharField, Exists, Model, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Path, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer
from pydantic import BeforeValidator

from ikz.api import access, rules, services
from ikz.api.models import Scope
from ikz.audit.models import AuditEntry
from ikz.audit.rules import json_value
from ikz.audit.services import ConflictError

T = TypeVar("T")

READ_METHODS = {"GET", "HEAD", "OPTIONS"}


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(retry_after)


class KeyExpired(Exception):
    def __init__(self, expires_at: dt.datetime) -> None:
        self.expires_at = expires_at
        super().__init__(expires_at)


class ReadOnlyKey(Exception):
    """A technical account's key tried to write."""


class BadParameter(Exception):
    """A query parameter the API checks itself (400 naming it)."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        self.message = message
        super().__init__(name, message)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <secret>``: a personal key (the person's rights) or a technical
    account's key (read only, expires). Counts every API request for the rate limit first — per
    key, per person of a session, else per address — so a flood of wrong keys is limited too."""

    openapi_description = (
        "API-Schlüssel: persönlich (unter Konto → API-Schlüssel angelegt, Rechte der Person) oder eines "
        "technischen Kontos (von der Geschäftsstelle angelegt, nur lesen, mit Ablaufdatum)."
    )

    def __call__(self, request: HttpRequest) -> Any:
        secret = rules.bearer_secret(request.headers.get("Authorization", ""))
        checked = services.check_key(secret) if secret else None
        _count(request, checked)
        if checked is None or checked.token is None:
            return None  # no or no usable key: a logged-in browser may still read
        if checked.expired:
            raise KeyExpired(checked.token.expires_at or timezone.now())
        if checked.token.scope == Scope.READ and request.method not in READ_METHODS:
            raise ReadOnlyKey
        principal = access.principal_of(checked.token)
        request.user = principal
        return principal

    def authenticate(self, request: HttpRequest, token: str) -> Any:  # pragma: no cover - see __call__
        return None


def _count(request: HttpRequest, checked: services.KeyCheck | None) -> None:
    if checked is not None and checked.token is not None:
        bucket = f"key:{checked.token.pk}"
    elif getattr(request, "user", None) is not None and request.user.is_authenticated:
        bucket = f"person:{request.user.pk}"
    else:
        bucket = "addr:" + rules.client_address(request.META, settings.IKZ_PROXY_COUNT)
    if services.count_request(bucket) > services.rate_per_minute():
        raise RateLimited(rules.retry_after(timezone.now()))


def count_stored_read(request: HttpRequest) -> HttpResponse | None:
    """Before a stored answer is given (the page cache, decision 205: a logged-in browser's read):
    counted for the rate limit like every request; over it, the same 429."""
    try:
        _count(request, None)
    except RateLimited as exc:
        return _rate_limited(request, exc)
    return None


def session_read(request: HttpRequest) -> Any:
    """The logged-in browser session — for reading only (writes need a token, so no CSRF issue)."""
    user = getattr(request, "user", None)
    if request.method in READ_METHODS and user is not None and user.is_authenticated:
        return user
    return None


class EscapingRenderer(JSONRenderer):
    """JSON with ``<``, ``>`` and ``&`` as ``\\u003c`` … : a stored HTML or script payload never
    appears as markup in an answer, even where a client or proxy treats the body as HTML."""

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        text = super().render(request, data, response_status=response_status)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


api = NinjaAPI(
    title="IKZ-Plattform API",
    version="1",
    description="Programmierschnittstelle der IKZ-Plattform. Beschreibung: /api/referenz/",
    auth=[TokenAuth(), session_read],
    docs_url=None,
    urls_namespace="api-v1",
    renderer=EscapingRenderer(),
)


# --- answers of errors ------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str


class FieldError(Schema):
    field: str
    message: str


class ValidationOut(Schema):
    detail: str
    errors: list[FieldError]


class ConflictOut(Schema):
    detail: str
    current_version: int
    current: dict[str, Any]


ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationOut, 429: ErrorOut}
WRITE_ERRORS: dict[int, Any] = ERRORS | {409: ConflictOut}
LIST_ERRORS: dict[int, Any] = ERRORS | {400: ValidationOut}  # 400: a "changed since" that is no moment


def _message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("Dieses Feld ist erforderlich.")
    if kind == "string_too_long":
        return _("Höchstens %(n)s Zeichen.") % {"n": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("Mindestens %(n)s Zeichen.") % {"n": ctx.get("min_length")}
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("Bitte eine ganze Zahl angeben.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Bitte ein Datum im Format JJJJ-MM-TT angeben.")
    if kind in {"string_type", "string_unicode"}:
        return _("Bitte einen Text angeben.")
    if kind in {"bool_parsing", "bool_type"}:
        return _("Bitte true oder false angeben.")
    if kind == "greater_than_equal":
        return _("Mindestens %(n)s.") % {"n": ctx.get("ge")}
    if kind == "greater_than":
        return _("Größer als %(n)s.") % {"n": ctx.get("gt")}
    if kind == "less_than_equal":
        return _("Höchstens %(n)s.") % {"n": ctx.get("le")}
    if kind == "json_invalid":
        return _("Der Inhalt ist kein gültiges JSON.")
    if kind in {"model_attributes_type", "dict_type", "model_type"}:
        return _("Bitte ein JSON-Objekt senden.")
    if kind == "extra_forbidden":
        return _("Unbekanntes Feld.")
    if kind == "enum" or kind == "literal_error":
        return _("Dieser Wert ist nicht zulässig.")
    return _("Ungültiger Wert.")


def _location(loc: Any) -> str:
    return ".".join(str(part) for part in loc if part not in {"payload"}) if loc else ""


def _error(request: HttpRequest, status: int, detail: str) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = [{"field": _location(e.get("loc")), "message": _message(e)} for e in exc.errors]
    return api.create_response(
        request, {"detail": _("Die Eingaben sind ungültig."), "errors": errors}, status=422
    )


@api.exception_handler(DjangoValidationError)
def _service_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": name, "message": str(message)}
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": "", "message": str(m)} for m in exc.messages]
    return api.create_response(
        request, {"detail": _("Die Eingaben sind ungültig."), "errors": errors}, status=422
    )


@api.exception_handler(ConflictError)
def _conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
    # The service's transaction is rolled back by now: note the refused attempt in the history.
    exc.record(actor=getattr(request, "auth", None))  # the exception knows the version the write was based on
    current = {name: json_value(getattr(exc.current, name)) for name in exc.submitted}
    version = int(getattr(exc.current, "version", 0))
    return api.create_response(
        request, {"detail": str(exc), "current_version": version, "current": current}, status=409
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, _("Nicht gefunden."))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, _("Sie dürfen diesen Datensatz lesen, aber nicht ändern."))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(
        request, 401, _("Anmeldung erforderlich: bitte einen gültigen API-Schlüssel als Bearer-Token senden.")
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(KeyExpired)
def _expired(request: HttpRequest, exc: KeyExpired) -> HttpResponse:
    when = formats.date_format(timezone.localtime(exc.expires_at), "SHORT_DATETIME_FORMAT")
    response = _error(request, 401, _("Der API-Schlüssel ist abgelaufen (am %(when)s).") % {"when": when})
    response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


@api.exception_handler(ReadOnlyKey)
def _read_only(request: HttpRequest, exc: ReadOnlyKey) -> HttpResponse:
    message = _("Dieser API-Schlüssel eines technischen Kontos darf nur lesen (GET), nicht ändern.")
    response = _error(request, 403, message)
    response["WWW-Authenticate"] = 'Bearer error="insufficient_scope"'
    return response


@api.exception_handler(RateLimited)
def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    message = _("Zu viele Anfragen: höchstens %(n)s je Minute. Bitte in %(s)s Sekunden erneut versuchen.") % {
        "n": services.rate_per_minute(),
        "s": exc.retry_after,
    }
    response = _error(request, 429, message)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(BadParameter)
def _bad_parameter(request: HttpRequest, exc: BadParameter) -> HttpResponse:
    errors = [{"field": f"query.{exc.name}", "message": exc.message}]
    return api.create_response(
        request, {"detail": _("Die Eingaben sind ungültig."), "errors": errors}, status=400
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:  # ninja: the body is no JSON
        message = _("Der Inhalt ist kein gültiges JSON.")
        return api.create_response(
            request,
            {"detail": _("Die Eingaben sind ungültig."), "errors": [{"field": "body", "message": message}]},
            status=422,
        )
    return _error(request, exc.status_code, str(exc))


# --- paging -----------------------------------------------------------------------------------------


class Paging(Schema):
    limit: int = Field(rules.DEFAULT_LIMIT, ge=1, le=rules.MAX_LIMIT, description="höchstens 200")
    offset: int = Field(0, ge=0, le=1_000_000_000)


class Page(Schema, Generic[T]):
    count: int
    limit: int
    offset: int
    items: list[T]


def page(queryset: QuerySet[Any], paging: Paging) -> dict[str, Any]:
    """One page of ``queryset`` (already ordered stably) with the total count."""
    return {
        "count": queryset.count(),
        "limit": paging.limit,
        "offset": paging.offset,
        "items": list(queryset[paging.offset : paging.offset + paging.limit]),
    }


class ChangedSince(Schema):
    geaendert_seit: str | None = Field(
        None,
        description="Nur Objekte, die zu diesem Zeitpunkt oder danach geändert wurden "
        "(ISO 8601, z. B. 2026-05-01T08:00:00+02:00; ohne Zeitzone: deutsche Zeit)",
    )
    changed_since: str | None = Field(None, description="dasselbe wie geaendert_seit")


def since(changed: ChangedSince) -> dt.datetime | None:
    """The moment of ``geaendert_seit`` (or ``changed_since``); a text that is none → 400."""
    for name in ("geaendert_seit", "changed_since"):
        text = getattr(changed, name)
        if text is None:
            continue
        moment = rules.parse_moment(text)
        if moment is None:
            raise BadParameter(
                name,
                _("%(name)s: bitte einen Zeitpunkt nach ISO 8601 angeben, z. B. 2026-05-01T08:00:00+02:00.")
                % {"name": name},
            )
        return moment
    return None


def _audited_since(model: type[Model], moment: dt.datetime) -> Exists:
    """An entry in the history of the outer object at or after ``moment``."""
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=Cast(OuterRef("pk"), CharField()),
        at__gte=moment,
    )
    return Exists(entries)


def _written_since(model: type[Model], moment: dt.datetime) -> Q:
    condition = Q(_audited_since(model, moment))
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        condition |= Q(updated_at__gte=moment)
    return condition


def changed_since(
    queryset: QuerySet[Any], when: ChangedSince, parts: dict[str, type[Model]] | None = None
) -> QuerySet[Any]:
    """``queryset`` narrowed to the objects changed at or after the moment asked for: their own
    ``updated_at`` (where the model has one) or an entry in their history — or the same for one of
    their ``parts`` (foreign key of the part → part model: answers, shares, topics shown inside)."""
    moment = since(when)
    if moment is None:
        return queryset
    condition = _written_since(queryset.model, moment)
    for link, part in (parts or {}).items():
        condition |= Q(
            Exists(
                part._default_manager.filter(**{link: OuterRef("pk")}).filter(_written_since(part, moment))
            )
        )
    return queryset.filter(condition)


def filtered(queryset: QuerySet[Any], filters: Schema, lookups: dict[str, str]) -> QuerySet[Any]:
    """``queryset`` narrowed by every filter that was given: filter name → ORM lookup. A lookup
    ending in ``__isnull`` takes the negated value (``confirmed=true`` → ``confirmed_at__isnull=False``)."""
    given = {name: value for name, value in filters.model_dump().items() if value not in (None, "")}
    return queryset.filter(
        **{
            lookup: (not given[name]) if lookup.endswith("__isnull") else given[name]
            for name, lookup in lookups.items()
            if name in given
        }
    )


def user_of(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


# Keys in paths: positive and within every database's integer range (no overflow → no 500).
def pk_path() -> Any:
    return Path(..., ge=1, le=2**31 - 1)  # type: ignore[type-arg]


# --- amounts ----------------------------------------------------------------------------------------


def _decimal_text(value: Any) -> Any:
    return format(value, "f") if isinstance(value, Decimal) else value


# Money and other exact decimals leave the API as text ("1234.50"): JSON numbers are binary floats.
Money = Annotated[
    str,
    BeforeValidator(_decimal_text),
    Field(pattern=r"^-?[0-9]+(\.[0-9]+)?$", description='Betrag in Euro als Text, z. B. "1234.50"'),
]
DecimalText = Annotated[
    str,
    BeforeValidator(_decimal_text),
    Field(pattern=r"^-?[0-9]+(\.[0-9]+)?$", description='Dezimalzahl als Text, z. B. "12.3456"'),
]


def page_since(
    when: ChangedSince, queryset: QuerySet[Any], paging: Paging, parts: dict[str, type[Model]] | None = None
) -> dict[str, Any]:
    """One page of the objects of ``queryset`` changed since ``when`` (all if no moment is given)."""
    return page(changed_since(queryset, when, parts), paging)
