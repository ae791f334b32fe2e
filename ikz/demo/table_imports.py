"""Demo: the office of Kreis Groß-Gerau downloads its cooperation matrix (all task areas, the seed's
inventory) as XLSX and imports it back through the import pages' services — the preview finds
every cooperation unchanged and the run stands "übernommen" in the history of the region's imports
(/importe/kooperationsmatrix/<region>/), the round trip of decision 142 with the seed's real data."""

from __future__ import annotations

from ikz.demo.context import DemoContext
from ikz.imports import services
from ikz.imports.models import ImportRun, Status
from ikz.imports.registry import get
from ikz.lib.exports import to_xlsx

KIND = "kooperationsmatrix"


def load(ctx: DemoContext) -> None:
    if ImportRun.objects.filter(kind=KIND, scope_id=ctx.region.pk).exists():
        return
    office = ctx.users["geschaeftsstelle"]
    kind = get(KIND)
    scope = kind.scope(office, ctx.region.pk, write=True)
    table = kind.export(scope)
    assert table is not None
    run = services.start_run(
        kind, scope, "kooperationsmatrix-kreis-gross-gerau.xlsx", to_xlsx(table), actor=office
    )
    while run.status == Status.CHECKING:
        run = services.check_next(run.pk, kind, scope, actor=office)
    if run.status == Status.READY:
        services.apply_run(run.pk, kind, scope, expected_version=run.version, actor=office)
    ctx.summary.add("Import (Kooperationsmatrix)")
