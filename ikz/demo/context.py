"""What every part of the demo gets: the region, the units by key, the users, the summary."""

from __future__ import annotations

from dataclasses import dataclass, field

from ikz.accounts.models import User
from ikz.municipalities.models import Municipality, Region


@dataclass
class DemoSummary:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n


@dataclass
class DemoContext:
    region: Region
    units: dict[str, Municipality]  # by AGS, e.g. "06433010" Raunheim, "06433" the Kreis
    users: dict[str, User]  # by demo username, e.g. "geschaeftsstelle", "kommune-raunheim"
    summary: DemoSummary
