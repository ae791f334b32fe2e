"""Gates that keep the house rules of docs/architecture.md ("Where code lives") from eroding.

Pure and fast: they read the source with ``ast`` (and the templates as text), no database, no Django
setup. Each guard has an allowlist constant below holding the violations that existed when the
guard was introduced (issue 17); they are to be emptied as the code is cleaned up, never extended
for new code. A failure names file:line and says what to do instead.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "ikz"

MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 80
MAX_ALLOWED_CYCLE_EDGES = 7

# --- allowlists: today's violations (issue 17); empty them, do not extend them -------------------

# a. files over MAX_FILE_LINES lines: "ikz/app/file.py"
EXCEPTIONS_FILE_LINES: set[str] = set()

# b. functions over MAX_FUNCTION_LINES lines: "ikz/app/file.py::Class.function"
EXCEPTIONS_FUNCTION_LINES: set[str] = set()

# c. access decisions outside access.py: ("ikz/app/views.py", "what was found")
EXCEPTIONS_ACCESS_IN_VIEWS: set[tuple[str, str]] = set()
# c. role checks in templates: ("ikz/app/templates/app/page.html", "what was found")
EXCEPTIONS_ROLES_IN_TEMPLATES: set[tuple[str, str]] = set()

# d. views that submit forms by hand: ("ikz/app/views.py", "what was found")
EXCEPTIONS_HAND_SUBMIT: set[tuple[str, str]] = set()

# f. export tables built in views: ("ikz/app/views.py", "Table(")
EXCEPTIONS_TABLES_IN_VIEWS: set[tuple[str, str]] = set()

# g. local copies of the date widget or the euro formatter: ("ikz/app/file.py", "what was found")
EXCEPTIONS_LOCAL_COPIES: set[tuple[str, str]] = set()

# e. imports between apps that close a cycle. ALLOWED_CYCLE_EDGES is the lasting list (at most
# MAX_ALLOWED_CYCLE_EDGES edges, each with its reason); EXCEPTIONS_CYCLE_EDGES holds the others found
# in issue 17 (mostly the registries that imported every app, and the header region in accounts).
ALLOWED_CYCLE_EDGES: dict[tuple[str, str], str] = {
    # The queue (issue 20) is used by the import framework ("Import übernehmen" runs as a job,
    # decision 167); the queue's own pages decide access with accounts' roles, and accounts
    # registers its people import. Until the queue core and its pages are apart, this one cycle.
    ("imports", "jobs"): "the import framework queues its apply as a background job (decision 167)",
    ("jobs", "accounts"): "the queue's pages decide access with accounts' roles (jobs/access.py)",
    ("accounts", "imports"): "accounts registers the people import kind (accounts/imports.py)",
}
EXCEPTIONS_CYCLE_EDGES: set[tuple[str, str]] = set()


# --- the source files ------------------------------------------------------------------------------


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def is_test_or_migration(rel: str) -> bool:
    """Tests, browser tests, migrations and test helpers are not held to the size rules."""
    parts = rel.split("/")
    name = parts[-1]
    return (
        any(p in ("tests", "migrations", "browser_tests") for p in parts[:-1])
        or name.startswith("test_")
        or rel in ("ikz/conftest.py", "ikz/test.py")
    )


def source_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if not is_test_or_migration(_rel(p)))


def is_views_module(rel: str) -> bool:
    """`ikz/views.py`, `ikz/<app>/views.py` and the modules of a views package `ikz/<app>/views/`."""
    parts = rel.split("/")
    return parts[-1] == "views.py" or (len(parts) >= 2 and parts[-2] == "views" and rel.endswith(".py"))


def views_modules() -> list[Path]:
    return [p for p in source_files() if is_views_module(_rel(p))]


def template_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.html") if "templates" in p.relative_to(PACKAGE).parts)


_TREES: dict[Path, ast.Module] = {}


def _tree(path: Path) -> ast.Module:
    if path not in _TREES:
        _TREES[path] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return _TREES[path]


@dataclass(frozen=True)
class Finding:
    """One violation: where it is (file:line) and what it is (the key of the allowlists)."""

    file: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.what}"


def _report(findings: Iterable[Finding], advice: str) -> str:
    lines = sorted(findings, key=lambda f: (f.file, f.line, f.what))
    return f"{advice}\n" + "\n".join(f"  {f}" for f in lines)


# --- a. file length -------------------------------------------------------------------------------


def long_file(rel: str, text: str, limit: int = MAX_FILE_LINES) -> Finding | None:
    count = len(text.splitlines())
    return Finding(rel, count, f"{count} lines (at most {limit})") if count > limit else None


def test_no_source_file_is_too_long() -> None:
    found = []
    for path in source_files():
        rel = _rel(path)
        finding = long_file(rel, path.read_text(encoding="utf-8"))
        if finding and rel not in EXCEPTIONS_FILE_LINES:
            found.append(finding)
    assert not found, _report(
        found, f"Files over {MAX_FILE_LINES} lines: split them along their sections (e.g. into a package)."
    )


# --- b. function length ---------------------------------------------------------------------------


def long_functions(rel: str, tree: ast.AST, limit: int = MAX_FUNCTION_LINES) -> list[Finding]:
    """Every (async) function whose def spans more than `limit` lines (decorators not counted).

    `what` is "qualified.name (n lines)"; the key for the allowlist is "file::qualified.name".
    """
    found: list[Finding] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = prefix + child.name
                length = (child.end_lineno or child.lineno) - child.lineno + 1
                if length > limit:
                    found.append(Finding(rel, child.lineno, f"{name} ({length} lines, at most {limit})"))
                visit(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found


def _function_key(finding: Finding) -> str:
    return f"{finding.file}::{finding.what.split(' ', 1)[0]}"


def test_no_function_is_too_long() -> None:
    found = [
        f
        for path in source_files()
        for f in long_functions(_rel(path), _tree(path))
        if _function_key(f) not in EXCEPTIONS_FUNCTION_LINES
    ]
    assert not found, _report(
        found, f"Functions over {MAX_FUNCTION_LINES} lines: split them into named steps."
    )


# --- c. access decisions only in access.py --------------------------------------------------------

# Fields and helpers of accounts.access.Roles: reading them is an access decision.
ROLE_ATTRIBUTES = frozenset(
    {
        "is_office",
        "is_steering",
        "is_contact",
        "is_member",
        "office_global",
        "is_office_of",
        "sees_region_fully",
        "contact_municipalities",
        "member_municipalities",
        "office_regions",
        "steering_regions",
        "project_lead",
        "is_staff",
        "is_superuser",
    }
)
# Names that are access decisions wherever they appear (a call, an import, a bare name).
ROLE_NAMES = frozenset(
    {
        "roles_of",
        "office_global",
        "is_office_of",
        "sees_region_fully",
        "contact_municipalities",
        "member_municipalities",
        "office_regions",
        "steering_regions",
        "project_lead",
        "is_staff",
        "is_superuser",
    }
)


def access_in_view(rel: str, tree: ast.AST) -> list[Finding]:
    """Access decisions taken in a views module instead of the app's access.py."""
    found: list[Finding] = []
    for node in ast.walk(tree):
        what = None
        if isinstance(node, ast.Attribute):
            if node.attr == "roles" and isinstance(node.value, ast.Name) and node.value.id == "request":
                what = "request.roles"
            elif node.attr in ROLE_ATTRIBUTES or node.attr == "roles_of":
                what = "." + node.attr
        elif isinstance(node, ast.Name) and node.id in ROLE_NAMES:
            what = node.id
        elif isinstance(node, ast.ImportFrom | ast.Import):
            hits = [a.name for a in node.names if a.name in ROLE_NAMES]
            what = f"import {hits[0]}" if hits else None
        elif isinstance(node, ast.keyword) and node.arg is not None:
            if node.arg == "visibility" or node.arg.startswith("visibility__"):
                what = f"{node.arg}= (filtering by visibility)"
            elif node.arg in ("is_staff", "is_superuser"):
                what = f"{node.arg}="
        if what:
            found.append(Finding(rel, getattr(node, "lineno", 0), what))
    return found


TEMPLATE_ROLE_MARKERS = (
    "roles.is_",
    "roles.office",
    "roles.sees",
    "roles.contact",
    "roles.member",
    "is_staff",
)


def roles_in_template(rel: str, text: str) -> list[Finding]:
    """Role checks in a template (only `roles.labels` may be shown; decisions come as `can_…`)."""
    return [
        Finding(rel, number, marker)
        for number, line in enumerate(text.splitlines(), start=1)
        for marker in TEMPLATE_ROLE_MARKERS
        if marker in line
    ]


def test_views_leave_access_decisions_to_access_py() -> None:
    found = [
        f
        for path in views_modules()
        for f in access_in_view(_rel(path), _tree(path))
        if (f.file, f.what) not in EXCEPTIONS_ACCESS_IN_VIEWS
    ]
    assert not found, _report(
        found,
        "Access decisions in views: call access.get_…_for(user, …, write=), access.…_for(user) or "
        "access.can_…(user, obj) of the app's access.py and pass booleans (can_…) to the template.",
    )


def test_templates_do_not_check_roles() -> None:
    found = []
    for path in template_files():
        rel = _rel(path)
        for f in roles_in_template(rel, path.read_text(encoding="utf-8")):
            if (f.file, f.what) not in EXCEPTIONS_ROLES_IN_TEMPLATES:
                found.append(f)
    assert not found, _report(
        found,
        "Role checks in templates: let the view pass a boolean from access.can_…(user, obj); "
        "templates show only roles.labels.",
    )


def unboxed_tables(text: str) -> int:
    """How many ``<table>`` of a template are not inside a focusable, named scroll box
    (``kern-table-responsive`` with ``tabindex="0"`` and an ``aria-label``/``aria-labelledby``):
    on a phone (390 px) a wide table must scroll in its own labelled box, not widen the page."""
    unboxed, depth = 0, 0
    for token in re.finditer(r'<div\b[^>]*class="[^"]*kern-table-responsive[^>]*>|<table\b|</table>', text):
        if token.group(0).startswith("<div"):
            # a box that scrolls must be reachable by keyboard and have a name (WCAG 2.1.1, 4.1.2)
            named = "aria-labelledby=" in token.group(0) or "aria-label=" in token.group(0)
            depth += 1 if 'tabindex="0"' in token.group(0) and named else 0
        elif token.group(0) == "</table>":
            depth = max(0, depth - 1)
        elif depth == 0:
            unboxed += 1
    return unboxed


def test_every_table_scrolls_in_its_own_box() -> None:
    found = [
        Finding(_rel(path), 1, f"{n} table(s) outside a kern-table-responsive box")
        for path in template_files()
        if (n := unboxed_tables(path.read_text(encoding="utf-8")))
    ]
    assert not found, _report(
        found,
        'Wrap each table in <div class="kern-table-responsive" tabindex="0" role="region" '
        'aria-labelledby="<caption id>"> (issue 19, 7: nothing widens the page on a phone).',
    )


def test_checker_finds_a_table_outside_a_box() -> None:
    boxed = (
        '<div class="kern-table-responsive" tabindex="0" role="region" aria-label="T"><table></table></div>'
    )
    assert unboxed_tables(boxed + boxed) == 0
    assert unboxed_tables(boxed + "<table><tr><td></td></tr></table>") == 1
    assert unboxed_tables('<div class="kern-table-responsive"><table></table></div>') == 1  # unnamed


# --- d. views submit through ikz.web --------------------------------------------------------------

HAND_SUBMIT_CALLS = frozenset({"submit", "refuse_stale"})


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def hand_submits(rel: str, tree: ast.AST) -> list[Finding]:
    """Calls of submit(…)/refuse_stale(…) and any mention of ConflictError in a views module."""
    found: list[Finding] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called_name(node) in HAND_SUBMIT_CALLS:
            found.append(Finding(rel, node.lineno, f"{_called_name(node)}("))
        elif _mentions_conflict(node):
            found.append(Finding(rel, getattr(node, "lineno", 0), "ConflictError"))
    return found


def _mentions_conflict(node: ast.AST) -> bool:
    """A name, attribute or import of ConflictError (catching it is the helpers' job)."""
    if isinstance(node, ast.Name):
        return node.id == "ConflictError"
    if isinstance(node, ast.Attribute):
        return node.attr == "ConflictError"
    if isinstance(node, ast.ImportFrom):
        return any(a.name == "ConflictError" for a in node.names)
    return False


def test_views_submit_through_ikz_web() -> None:
    found = [
        f
        for path in views_modules()
        for f in hand_submits(_rel(path), _tree(path))
        if (f.file, f.what) not in EXCEPTIONS_HAND_SUBMIT
    ]
    assert not found, _report(
        found,
        "Views that save forms by hand: use ikz.web.edit_page(request, form, save, …) or "
        "ikz.web.post_action(request, save, …); they handle ValidationError, ConflictError (409) "
        "and stale versions.",
    )


# --- f. export tables are built in exports.py or queries.py ----------------------------------------


def tables_in_view(rel: str, tree: ast.AST) -> list[Finding]:
    """Export tables (ikz.lib.exports.Table) constructed in a views module."""
    return [
        Finding(rel, node.lineno, "Table(")
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _called_name(node) == "Table"
    ]


def test_views_do_not_build_export_tables() -> None:
    found = [
        f
        for path in views_modules()
        for f in tables_in_view(_rel(path), _tree(path))
        if (f.file, f.what) not in EXCEPTIONS_TABLES_IN_VIEWS
    ]
    assert not found, _report(
        found,
        "Export tables built in views: build the Table in the app's exports.py (or queries.py) "
        "and let the view answer with the file.",
    )


# --- g. one date widget, one euro formatter -------------------------------------------------------

DATE_WIDGET_HOME = "ikz/forms.py"
EURO_FORMATTER_HOMES = frozenset({"ikz/lib/money.py"})


def _is_named(node: ast.AST, name: str) -> bool:
    return (isinstance(node, ast.Name) and node.id == name) or (
        isinstance(node, ast.Attribute) and node.attr == name
    )


def _ends_with_euro(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.rstrip().endswith("€")
    )


def local_copies(rel: str, tree: ast.AST) -> list[Finding]:
    """Own date widgets (instead of ikz.forms.DateInput) and own euro formatting (instead of
    ikz.lib.money.format_eur / the template filter `eur`)."""
    found: list[Finding] = []
    for node in ast.walk(tree):
        what = None
        if rel != DATE_WIDGET_HOME:
            if isinstance(node, ast.ClassDef) and any(_is_named(b, "DateInput") for b in node.bases):
                what = f"class {node.name}(DateInput)"
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "DateInput"
                and _is_named(node.func.value, "forms")
            ):
                what = "forms.DateInput("
            elif isinstance(node, ast.Dict) and any(
                isinstance(k, ast.Constant)
                and k.value == "type"
                and isinstance(v, ast.Constant)
                and v.value == "date"
                for k, v in zip(node.keys, node.values, strict=True)
            ):
                what = '{"type": "date"}'
        if rel not in EURO_FORMATTER_HOMES and what is None:
            if isinstance(node, ast.JoinedStr) and node.values and _ends_with_euro(node.values[-1]):
                what = 'f"… €"'
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and _ends_with_euro(node.right):
                what = '… + " €"'
        if what:
            found.append(Finding(rel, getattr(node, "lineno", 0), what))
    return found


def test_one_date_widget_and_one_euro_formatter() -> None:
    found = [
        f
        for path in source_files()
        for f in local_copies(_rel(path), _tree(path))
        if (f.file, f.what) not in EXCEPTIONS_LOCAL_COPIES
    ]
    assert not found, _report(
        found,
        "Local copies: use ikz.forms.DateInput for dates and ikz.lib.money.format_eur (template filter "
        "`eur`) for amounts.",
    )


# --- e. imports between apps that run back up -----------------------------------------------------


def app_of(rel: str) -> str | None:
    """The node of the app graph a file belongs to: `ikz/<app>/…` → "<app>", `ikz/x.py` → "ikz.x"."""
    parts = rel.split("/")
    if parts[0] != "ikz" or len(parts) < 2:
        return None
    if len(parts) == 2:
        return "ikz." + parts[1].removesuffix(".py")
    return parts[1]


def _type_checking_block(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def imported_modules(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """(module, line) of every import that runs (imports under `if TYPE_CHECKING:` do not)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if _type_checking_block(node):
            stack.extend(getattr(node, "orelse", []))
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, node.lineno
            for alias in node.names:
                yield f"{node.module}.{alias.name}", node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        stack.extend(ast.iter_child_nodes(node))


def app_edges(files: dict[str, ast.AST], nodes: set[str]) -> dict[tuple[str, str], set[tuple[str, int]]]:
    """Edges app → app with the places (file, line) of the imports; `nodes` are the known apps."""
    edges: dict[tuple[str, str], set[tuple[str, int]]] = defaultdict(set)
    for rel, tree in files.items():
        source = app_of(rel)
        if source is None:
            continue
        for module, line in imported_modules(tree):
            parts = module.split(".")
            if parts[0] != "ikz" or len(parts) < 2:
                continue
            target = parts[1] if parts[1] in nodes else f"ikz.{parts[1]}"
            if target in nodes and target != source:
                edges[(source, target)].add((rel, line))
    return edges


def cycle_edges(edges: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """The edges a → b from which a can be reached again (edges on a cycle)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)

    def reaches(start: str, goal: str) -> bool:
        seen, todo = {start}, [start]
        while todo:
            for nxt in graph[todo.pop()]:
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    return {(a, b) for a, b in {(a, b) for a in list(graph) for b in graph[a]} if reaches(b, a)}


def _app_nodes() -> set[str]:
    apps = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    modules = {f"ikz.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    return (apps | modules) - {"tests", "browser_tests"}


def test_app_imports_do_not_run_back_up() -> None:
    trees = {_rel(p): _tree(p) for p in source_files()}
    edges = app_edges(trees, _app_nodes())
    bad = cycle_edges(edges) - set(ALLOWED_CYCLE_EDGES) - EXCEPTIONS_CYCLE_EDGES
    found = [Finding(file, line, f"{a} -> {b}") for a, b in bad for file, line in edges[(a, b)]]
    assert not found, _report(
        found,
        "Imports that close a cycle between apps: depend downwards only (e.g. let the lower app offer "
        "a registry and register from the higher app's sources.py in AppConfig.ready()).",
    )


def test_the_allowed_cycle_edges_stay_few_and_explained() -> None:
    assert len(ALLOWED_CYCLE_EDGES) <= MAX_ALLOWED_CYCLE_EDGES
    assert all(reason.strip() for reason in ALLOWED_CYCLE_EDGES.values())
    assert not set(ALLOWED_CYCLE_EDGES) & EXCEPTIONS_CYCLE_EDGES


# --- the checkers themselves ----------------------------------------------------------------------


def _parse(source: str) -> ast.Module:
    return ast.parse(source)


def test_checker_finds_a_long_file_only_past_the_limit() -> None:
    assert long_file("ikz/x.py", "x = 1\n" * 600) is None
    finding = long_file("ikz/x.py", "x = 1\n" * 601)
    assert finding is not None and str(finding).startswith("ikz/x.py:601: 601 lines")


def test_checker_finds_a_long_function_method_and_nested_function() -> None:
    body = "    x = 1\n" * 79
    nested = "        x = 1\n" * 81
    source = (
        "@decorator\n"
        f"def short():\n{body}"  # 80 lines with its def: allowed (the decorator does not count)
        f"def long():\n{body}    y = 2\n"  # 81 lines, starts at line 82
        f"class A:\n    async def method(self):\n{nested}"
        f"def outer():\n    def inner():\n{nested}"
    )
    found = long_functions("ikz/x.py", _parse(source))
    assert [f.what for f in found] == [
        "long (81 lines, at most 80)",
        "A.method (82 lines, at most 80)",
        "outer (83 lines, at most 80)",
        "outer.inner (82 lines, at most 80)",
    ]
    assert found[0].line == 82
    assert _function_key(found[1]) == "ikz/x.py::A.method"


def test_checker_finds_access_decisions_in_views() -> None:
    source = """
from ikz.accounts.access import roles_of
def view(request):
    if request.roles.is_office or request.user.is_staff:
        pass
    regions = roles.office_regions
    Document.objects.filter(visibility="public", visibility__in=[1])
    can = access.can_edit(request.user, obj)
"""
    whats = sorted(f.what for f in access_in_view("ikz/a/views.py", _parse(source)))
    assert whats == sorted(
        [
            "import roles_of",
            "request.roles",
            ".is_office",
            ".is_staff",
            ".office_regions",
            "visibility= (filtering by visibility)",
            "visibility__in= (filtering by visibility)",
        ]
    )
    assert access_in_view("ikz/a/views.py", _parse("x = access.documents_for(request.user)")) == []


def test_checker_finds_role_checks_in_templates() -> None:
    text = "{% if roles.is_office %}\n{{ roles.labels }}\n{% if user.is_staff %}{% endif %}"
    found = roles_in_template("t.html", text)
    assert [(f.line, f.what) for f in found] == [(1, "roles.is_"), (3, "is_staff")]


def test_checker_finds_hand_submits() -> None:
    source = """
from ikz.audit.services import ConflictError
from ikz.forms import submit
def view(request):
    try:
        forms.submit(request, form, save)
        refuse_stale(obj, version)
    except services.ConflictError:
        pass
    return edit_page(request, form, save, template="t.html", success="ok")
"""
    found = hand_submits("ikz/a/views.py", _parse(source))
    assert sorted((f.line, f.what) for f in found) == [
        (2, "ConflictError"),
        (6, "submit("),
        (7, "refuse_stale("),
        (8, "ConflictError"),
    ]


def test_checker_finds_tables_built_in_views() -> None:
    source = "def export(request):\n    return Table(title='x', columns=[], rows=[])\n"
    assert [(f.line, f.what) for f in tables_in_view("ikz/a/views.py", _parse(source))] == [(2, "Table(")]
    assert tables_in_view("ikz/a/views.py", _parse("table = exports.register_table(rows)")) == []


def test_checker_finds_local_date_widgets_and_euro_formatting() -> None:
    source = """
class DateInput(forms.DateInput):
    input_type = "date"
widgets = {"start": forms.DateInput(attrs={"type": "date"})}
def euro(amount):
    return f"{amount:.2f} €"
def euro2(amount):
    return str(amount) + " €"
NOTE = "Einsparung 4,482 Mio. €"
"""
    found = sorted((f.line, f.what) for f in local_copies("ikz/a/forms.py", _parse(source)))
    assert found == [
        (2, "class DateInput(DateInput)"),
        (4, "forms.DateInput("),
        (4, '{"type": "date"}'),
        (6, 'f"… €"'),
        (8, '… + " €"'),
    ]
    assert local_copies("ikz/a/forms.py", _parse("widget = DateInput()\ntext = format_eur(x)")) == []
    assert local_copies("ikz/lib/money.py", _parse("def f(x):\n    return f'{x} €'")) == []


def test_checker_knows_views_modules() -> None:
    assert is_views_module("ikz/views.py")
    assert is_views_module("ikz/costs/views.py")
    assert is_views_module("ikz/costs/views/allocations.py")
    assert not is_views_module("ikz/costs/access.py")
    assert is_test_or_migration("ikz/costs/tests/test_views.py")
    assert is_test_or_migration("ikz/costs/migrations/0001_initial.py")
    assert not is_test_or_migration("ikz/costs/services/__init__.py")


def test_checker_finds_the_edges_on_cycles_and_skips_type_only_imports() -> None:
    files = {
        "ikz/a/services.py": _parse("from ikz.b.models import B\nimport ikz.web"),
        "ikz/b/models.py": _parse("from ikz import c\n"),
        "ikz/c/views.py": _parse("from ikz.a import services\n"),
        "ikz/d/views.py": _parse("from ikz.a.services import x\n"),
        "ikz/web.py": _parse(
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ikz.a import m\n"
        ),
    }
    edges = app_edges(files, {"a", "b", "c", "d", "ikz.web"})
    assert edges[("a", "b")] == {("ikz/a/services.py", 1)}
    assert ("ikz.web", "a") not in edges
    assert cycle_edges(edges) == {("a", "b"), ("b", "c"), ("c", "a")}


@pytest.mark.parametrize(
    ("rel", "app"),
    [("ikz/costs/views/x.py", "costs"), ("ikz/web.py", "ikz.web"), ("bench/run.py", None)],
)
def test_checker_names_the_app_of_a_file(rel: str, app: str | None) -> None:
    assert app_of(rel) == app
