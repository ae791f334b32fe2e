"""What the browser tests do again and again: log in by keyboard, press Tab, run axe."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ikz.accounts.models import User
from ikz.test import PASSWORD

# axe-core's WCAG 2.0/2.1 level A and AA rules; only violations are computed (much faster).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
_axe: Any = None
# Content already checked in this session: the <title> and <main> of a page, without CSRF tokens
# and with the primary keys in URLs masked (every test builds its world anew, with new keys).
_checked_content: set[str] = set()
_FINGERPRINT = """() => {
  const main = document.querySelector('main') || document.body;
  const html = main.outerHTML
    .replace(/name="csrfmiddlewaretoken" value="[^"]*"/g, '')
    .replace(/\\/\\d+(?=\\/)/g, '/#');
  return document.title + '\\n' + html;
}"""


def focused(page: Any, selector: str) -> bool:
    return bool(page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector))


def tab_to(page: Any, selector: str, limit: int = 60, key: str = "Tab") -> int:
    """Press Tab until ``selector`` has the focus; returns the number of presses.

    Fails when the element cannot be reached by keyboard."""
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if focused(page, selector):
            return presses
    raise AssertionError(f"{selector} ist mit der Tabulatortaste nicht erreichbar")


def focus_is_visible(page: Any) -> bool:
    """The focused element shows a focus indicator (an outline or a box shadow)."""
    outline_style, outline_width, box_shadow = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
    )
    return (outline_style != "none" and outline_width != "0px") or box_shadow != "none"


def login(page: Any, live_server: Any, user: User | None) -> None:
    """Log ``user`` in through the login form, by keyboard only (``None``: stay anonymous)."""
    if user is None:
        return
    login_url = reverse("accounts:login")
    page.goto(live_server.url + login_url)
    if not focused(page, "#id_username"):  # the form puts the cursor there (autofocus)
        tab_to(page, "#id_username")
    page.keyboard.type(user.get_username())
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert login_url not in page.url, f"Anmeldung als {user} fehlgeschlagen: {page.url}"


def axe_report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation['impact']}]: {violation['help']}")
        for node in violation["nodes"][:8]:
            lines.append(f"    bei {', '.join(map(str, node['target']))}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … und {len(violation['nodes']) - 8} weitere Stellen")
        lines.append(f"    {violation['helpUrl']}")
    return "\n".join(lines)


def assert_accessible(page: Any, *, once: bool = False) -> None:
    """axe-core (WCAG 2.1 A and AA rules) finds no violation on the current page.

    ``once``: skip the run when a page with the same title and the same ``<main>`` has passed
    already in this session (another role seeing the same content). The caller checks the
    surroundings of that role (header, navigation, footer) on at least one page itself."""
    global _axe
    if once:
        fingerprint = page.evaluate(_FINGERPRINT)
        if fingerprint in _checked_content:
            return
    else:
        fingerprint = None
    if _axe is None:
        from axe_playwright_python.sync_playwright import Axe

        _axe = Axe()
    violations = _axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, f"axe meldet Verstöße auf {page.url}:\n{axe_report(violations)}"
    if fingerprint is not None:
        _checked_content.add(fingerprint)
