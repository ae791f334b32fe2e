"""Issue 22.6, the partner search: neighbours (shared borders) and centres for the demo's
municipalities — the members of Kreis Groß-Gerau and of the cooperative K4K eG — computed from the
VG250 topology under ``settings.IKZ_NEIGHBOUR_FILE`` (never copied into the repository) through
the service a user's import calls. Without the file the search ranks without neighbourhood.

With the other parts' data the page "Partner finden" then shows, e.g. for the field "Einführung
e-Akte/DMS" from Raunheim's point of view, the K4K members of seed 000 (Wetzlar's solution, Bad
Vilbel's need, Friedberg's wish to reuse it) beside the Kreis's own cooperations.

Idempotent: a second run finds every pair and centre in place and changes nothing."""

from __future__ import annotations

from ikz.demo.context import DemoContext
from ikz.membership.models import Member
from ikz.municipalities.services import compute_neighbours_from_file

FIELD = "Einführung e-Akte/DMS"


def load(ctx: DemoContext) -> None:
    members = ctx.region.members.exclude(municipality__key=None).values_list("municipality__key", flat=True)
    cooperative = Member.objects.exclude(municipality__key=None).values_list("municipality__key", flat=True)
    keys = sorted({str(k) for k in [*members, *cooperative]})
    summary = compute_neighbours_from_file(keys, actor=ctx.users.get("geschaeftsstelle"))
    if summary is not None and summary.added:
        ctx.summary.add("Nachbarschaften", summary.added)
