"""Security events as one structured log line each (logger ``ikz.security``), besides the audit table.

``security_event("login.failed", outcome="failure", username=typed, address=ip)`` writes a line such as

    ikz.security event=login.failed outcome=failure time=2025-01-31T09:12:03.123Z username=anna address=::1

or, with ``IKZ_LOG_FORMAT=json`` (:class:`JsonFormatter`), the same fields as one JSON object per line,
so that journald can pass them on to a SIEM (docs/betrieb.md, "Sicherheitsereignisse im Protokoll").
Fields: ``event``, ``outcome`` (``ok``, ``failure``, ``denied``), ``time`` (UTC), ``actor_id`` and
``actor`` (user name of whoever acted), ``subject_kind`` and ``subject_id`` (what was acted on, never
its name), ``address`` and ``request_id`` (from :class:`SecurityContextMiddleware` when the event
happens in a request) and what the call adds. Never passwords, keys, codes or mail texts: such field
names are refused (``ValueError``).

The line is written when the transaction that made the change commits (at once outside one): a
change that is rolled back is not reported as done, just as it does not reach the audit table.

This module is imported by the logging configuration before the apps are loaded: no models here, and
the audit sits below the accounts (``User`` for the annotations only).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import uuid
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from ikz.lib.client import client_address

if TYPE_CHECKING:
    from django.db import models

logger = logging.getLogger("ikz.security")

# Field names that would carry a secret or a message text; a call that passes one is a bug.
FORBIDDEN_FIELDS = frozenset(
    {
        "password",
        "passwort",
        "secret",
        "token",
        "key",
        "code",
        "otp",
        "recovery_code",
        "session",
        "cookie",
        "body",
        "text",
        "message",
    }
)
# Fields security_event sets itself (a call cannot overwrite them through **fields).
RESERVED_FIELDS = frozenset(
    {"event", "outcome", "time", "actor_id", "actor", "subject_kind", "subject_id", "request_id"}
)
OUTCOMES = frozenset({"ok", "failure", "denied"})
MAX_VALUE_LENGTH = 200

# Address and request id of the request being answered (set by SecurityContextMiddleware).
_context: ContextVar[Mapping[str, str] | None] = ContextVar("ikz_security_context", default=None)

_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_BARE = re.compile(r"[A-Za-z0-9._:@/+-]+")


class _Actor(Protocol):
    pk: Any

    def get_username(self) -> str: ...


def utc_now() -> str:
    return iso_utc(dt.datetime.now(dt.UTC))


def iso_utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _value(value: object) -> str | int | float | bool:
    """A field value as it may appear in a line: numbers and flags as they are, dates in UTC, all
    else as text cut to MAX_VALUE_LENGTH characters."""
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, dt.datetime):
        return iso_utc(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:MAX_VALUE_LENGTH]


def _subject_fields(subject: object) -> dict[str, object]:
    if subject is None:
        return {}
    if isinstance(subject, tuple):
        kind, pk = subject
        return {"subject_kind": kind, "subject_id": pk}
    meta = getattr(subject, "_meta", None)
    if meta is None:
        raise TypeError(f"subject must be a model instance or (kind, id), not {type(subject).__name__}")
    return {"subject_kind": meta.label_lower, "subject_id": getattr(subject, "pk", None)}


def event_fields(
    event: str,
    *,
    actor: _Actor | None = None,
    subject: models.Model | tuple[str, object] | None = None,
    outcome: str = "ok",
    **fields: object,
) -> dict[str, str | int | float | bool]:
    """The fields of one event line, in a fixed order; ``None`` values are left out."""
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {sorted(OUTCOMES)}, not {outcome!r}")
    refused = {name for name in fields if name.lower() in FORBIDDEN_FIELDS | RESERVED_FIELDS}
    if refused:
        raise ValueError(f"security_event({event!r}) refuses the field(s) {sorted(refused)}")
    context = _context.get() or {}
    raw: dict[str, object] = {"event": event, "outcome": outcome, "time": utc_now()}
    if actor is not None:
        raw["actor_id"] = actor.pk
        raw["actor"] = actor.get_username()
    raw.update(_subject_fields(subject))
    raw.update(fields)
    if raw.get("address") is None:
        raw["address"] = context.get("address")
    raw["request_id"] = context.get("request_id")
    return {name: _value(value) for name, value in raw.items() if value is not None}


def security_event(
    event: str,
    *,
    actor: _Actor | None = None,
    subject: models.Model | tuple[str, object] | None = None,
    outcome: str = "ok",
    **fields: object,
) -> None:
    """Write one line for a security event (``login.failed``, ``apikey.created``, ...) once the
    current transaction commits. ``subject`` is a model instance (logged as kind and id) or a
    ``(kind, id)`` pair. ``ok`` is logged at INFO, ``failure`` and ``denied`` at WARNING."""
    values = event_fields(event, actor=actor, subject=subject, outcome=outcome, **fields)
    transaction.on_commit(partial(_emit, values), robust=True)


def _emit(values: dict[str, str | int | float | bool]) -> None:
    level = logging.INFO if values["outcome"] == "ok" else logging.WARNING
    logger.log(level, text_line(values), extra={"security": values})


# --- Formats ---------------------------------------------------------------------------------------


def _text_value(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if _BARE.fullmatch(text):
        return text
    # Quoted like JSON; anything a log viewer could take for a line break is escaped too, so that
    # a typed user name cannot forge a line of its own.
    return _printable(json.dumps(text, ensure_ascii=False))


def _printable(dumped: str) -> str:
    """JSON text with every character that is not printable (line and paragraph separators, DEL,
    ...) written as ``\\uXXXX``, which JSON reads back as the same character."""
    if dumped.isprintable():
        return dumped
    return "".join(c if c.isprintable() else json.dumps(c)[1:-1] for c in dumped)


def text_line(values: Mapping[str, str | int | float | bool]) -> str:
    """``ikz.security key=value ...``: readable, and parsed by SIEMs as key-value pairs."""
    return " ".join(["ikz.security", *(f"{name}={_text_value(value)}" for name, value in values.items())])


class JsonFormatter(logging.Formatter):
    """One JSON object per line (``IKZ_LOG_FORMAT=json``): a security event with its fields, any
    other record with time, level, logger and message (and the request id inside a request)."""

    def format(self, record: logging.LogRecord) -> str:
        security = getattr(record, "security", None)
        data: dict[str, Any]
        if isinstance(security, Mapping):
            data = {"time": security.get("time"), "level": record.levelname, "logger": record.name}
            data.update(security)
        else:
            data = {
                "time": iso_utc(dt.datetime.fromtimestamp(record.created, dt.UTC)),
                "level": record.levelname,
                "logger": record.name,
                "message": record.getMessage(),
            }
            request_id = (_context.get() or {}).get("request_id")
            if request_id:
                data["request_id"] = request_id
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            data["stack"] = self.formatStack(record.stack_info)
        return _printable(json.dumps(data, ensure_ascii=False, default=str))


# --- Request context -------------------------------------------------------------------------------


def request_address(request: HttpRequest) -> str | None:
    """The client's address, as the login throttle determines it (``IKZ_PROXY_COUNT``: the entry of
    ``X-Forwarded-For`` that the outermost trusted proxy added; else ``REMOTE_ADDR``)."""
    return client_address(request.META, settings.IKZ_PROXY_COUNT)


def request_id(request: HttpRequest) -> str:
    """The id the trusted proxy gave the request (nginx: ``proxy_set_header X-Request-ID
    $request_id``), so that its access log and our lines can be joined; else a new one. A client's own
    header is not trusted without a proxy in front."""
    given = str(request.META.get("HTTP_X_REQUEST_ID", ""))
    if settings.IKZ_PROXY_COUNT > 0 and _REQUEST_ID.fullmatch(given):
        return given
    return uuid.uuid4().hex


class SecurityContextMiddleware:
    """Makes the client address and a request id known to :func:`security_event` (and to JSON log
    lines) for the duration of one request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        context = {"request_id": request_id(request)}
        address = request_address(request)
        if address:
            context["address"] = address
        token = _context.set(context)
        try:
            return self.get_response(request)
        finally:
            _context.reset(token)
