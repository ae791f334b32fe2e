"""Load test of the IKZ-Plattform: the roles' journeys through the demo personas, plus the floor
page (/status/) under the same load. Run through ``make loadtest`` (bench/loadtest.py), which
prepares a PostgreSQL database with the national data set, starts gunicorn and writes the pages
file this reads (IKZ_LOADTEST_PAGES: persona → [[name, url], …], the same pages as make bench).

Every simulated user logs in once (on start) with the demo password and then walks its role's
pages in order, with 1-2 s between clicks; one click in five is the floor page. Requests carry
``X-Forwarded-Proto: https`` as from the TLS-terminating proxy of a production setup
(docs/install-production.md): the app runs with production settings (secure cookies, SSL
redirect), so the session and CSRF cookies are kept and sent by hand over the plain local HTTP.

At the end, bench/results/loadtest-summary.json gets requests per second and p50/p95/p99 of the
pages, of the floor page and of the logins, computed from every single response time.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

ROOT = Path(__file__).resolve().parent
PAGES: dict[str, list[list[str]]] = json.loads(
    Path(os.environ.get("IKZ_LOADTEST_PAGES", ROOT / "bench" / "results" / "loadtest-pages.json")).read_text()
)
PASSWORD = os.environ.get("IKZ_LOADTEST_PASSWORD", "Demo-IKZ-2026!")  # ikz.demo.data.DEMO_PASSWORD
SUMMARY = Path(os.environ.get("IKZ_LOADTEST_SUMMARY", ROOT / "bench" / "results" / "loadtest-summary.json"))
FLOOR = "floor (/status/)"
LOGIN = "login"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

_samples: dict[str, list[tuple[float, float]]] = {"pages": [], "floor": [], "login": []}  # (at, ms)
_errors: list[str] = []
_window: dict[str, float] = {}


class Persona(HttpUser):
    abstract = True
    username = ""
    wait_time = between(1, 2)

    def on_start(self) -> None:
        self.cookies: dict[str, str] = {}
        self.step = 0
        self.pages = PAGES[self.username]
        if self.username:
            self.login()

    def _headers(self, **extra: str) -> dict[str, str]:
        headers = {"X-Forwarded-Proto": "https", **extra}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _keep(self, response: Any) -> None:
        """Secure cookies are not sent back over http by the client's jar: keep them here."""
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        self.client.cookies.clear()

    def get(self, url: str, name: str) -> None:
        with self.client.get(
            url, name=name, headers=self._headers(), allow_redirects=False, catch_response=True
        ) as response:
            self._keep(response)
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code} für {url}")

    def login(self) -> None:
        with self.client.get(
            "/konto/anmelden/", name=LOGIN, headers=self._headers(), catch_response=True
        ) as response:
            self._keep(response)
            found = CSRF_FIELD.search(response.text)
            if response.status_code != 200 or not found:
                response.failure(f"Anmeldeseite: HTTP {response.status_code}")
                return
        origin = str(self.host).replace("http://", "https://")
        with self.client.post(
            "/konto/anmelden/",
            name=LOGIN,
            data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": found.group(1)},
            headers=self._headers(Origin=origin, Referer=f"{origin}/konto/anmelden/"),
            allow_redirects=False,
            catch_response=True,
        ) as response:
            self._keep(response)
            if response.status_code != 302 or "sessionid" not in self.cookies:
                response.failure(f"Anmeldung {self.username}: HTTP {response.status_code}")

    @task(4)
    def journey(self) -> None:
        name, url = self.pages[self.step % len(self.pages)]
        self.step += 1
        self.get(url, name)

    @task(1)
    def floor(self) -> None:
        self.get("/status/", FLOOR)


class ContactRaunheim(Persona):
    """A municipality's contact person: own municipality, questionnaire, portfolio, search."""

    weight = 10
    username = "kommune-raunheim"


class ContactKelsterbach(Persona):
    weight = 8
    username = "kommune-kelsterbach"


class SteeringGroup(Persona):
    """The steering group: inventory, rankings, project overview, savings."""

    weight = 8
    username = "lenkungsgruppe"


class Office(Persona):
    """The region's office: municipality register, returns, costs, API."""

    weight = 8
    username = "geschaeftsstelle"


class CooperativeTeam(Persona):
    """The cooperative's team (platform-wide office): accession pipeline, member register."""

    weight = 6
    username = "genossenschaft"


class Member(Persona):
    """A member of the cooperative: the reuse network."""

    weight = 4
    username = "mitglied"


class Public(Persona):
    """Anonymous visitors of the public portal."""

    weight = 6
    username = ""


@events.test_start.add_listener  # type: ignore[untyped-decorator]
def _started(**_kwargs: Any) -> None:
    _window["start"] = time.time()


@events.request.add_listener  # type: ignore[untyped-decorator]
def _record(name: str, response_time: float, exception: Any = None, **_kwargs: Any) -> None:
    group = "login" if name == LOGIN else "floor" if name == FLOOR else "pages"
    _samples[group].append((time.time(), response_time))
    if exception is not None:
        _errors.append(f"{name}: {exception}")


def _figures(samples: list[tuple[float, float]], seconds: float, after: float = 0.0) -> dict[str, float]:
    ordered = sorted(ms for at, ms in samples if at > after)
    if not ordered:
        return {"requests": 0}

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(len(ordered) * p))], 1)

    return {
        "requests": len(ordered),
        "rps": round(len(ordered) / seconds, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "max_ms": round(ordered[-1], 1),
    }


@events.test_stop.add_listener  # type: ignore[untyped-decorator]
def _summary(**_kwargs: Any) -> None:
    end = time.time()
    seconds = max(1.0, end - _window.get("start", end))
    # Steady state: after the last login, when the password hashing of 44 logins no longer
    # competes with the pages for the two cores.
    settled = max((at for at, _ms in _samples["login"]), default=_window.get("start", end))
    steady_seconds = max(1.0, end - settled)
    summary = {
        "seconds": round(seconds, 1),
        "errors": len(_errors),
        "error_examples": sorted(set(_errors))[:20],
        "all": _figures(_samples["pages"] + _samples["floor"] + _samples["login"], seconds),
        "pages": _figures(_samples["pages"], seconds),
        "floor": _figures(_samples["floor"], seconds),
        "login": _figures(_samples["login"], seconds),
        "steady_seconds": round(steady_seconds, 1),
        "pages_steady": _figures(_samples["pages"], steady_seconds, after=settled),
        "floor_steady": _figures(_samples["floor"], steady_seconds, after=settled),
    }
    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    SUMMARY.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
