"""Import speed of the municipal register: the full import (``import_gv100ad``) into the database
given by DATABASE_URL, compared with merely parsing the file (``ikz.lib.gv100ad.read``, the floor of
the import: no import can be faster than reading its input).

Usage: DATABASE_URL=… python bench/import_speed.py REGISTER --label sqlite [--repeat 3]
Imports once (the database should not hold the register yet); writes bench/results/import-<label>.json/.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikz.settings")
os.environ.setdefault("IKZ_DEBUG", "1")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("register", type=Path)
    parser.add_argument("--label", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from ikz.lib import gv100ad

    raw = args.register.read_bytes()
    parse_times = []
    records = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        parsed, _encoding = gv100ad.read(raw)
        parse_times.append(time.perf_counter() - start)
        records = len(parsed)
    start = time.perf_counter()
    call_command("import_gv100ad", str(args.register), stdout=io.StringIO())
    import_seconds = time.perf_counter() - start
    parse_seconds = statistics.median(parse_times)
    result = {
        "label": args.label,
        "database": connection.vendor,
        "records": records,
        "parse_s": round(parse_seconds, 2),
        "import_s": round(import_seconds, 2),
        "x_parse": round(import_seconds / parse_seconds, 1),
    }
    text = (
        f"### Registerimport ({args.label}, {connection.vendor}, {records} Sätze)\n\n"
        "| nur Parsen s | Import s | Import / Parsen |\n|---:|---:|---:|\n"
        f"| {result['parse_s']} | {result['import_s']} | {result['x_parse']} |\n"
    )
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"import-{args.label}.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / f"import-{args.label}.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
