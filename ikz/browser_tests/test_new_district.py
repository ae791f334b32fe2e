"""A new district in minutes (issue 19, point 5): the platform office creates the Wetteraukreis
(06440) from the register by keyboard, changes two proposed abbreviations, saves, and the member
list shows every municipality of the Kreis; a row is added there without a round trip."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ikz.accounts.models import Role
from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, focused, login, tab_to
from ikz.browser_tests.test_jobs_in_background import run_jobs_and_reload
from ikz.municipalities import rules
from ikz.municipalities.models import Kind, Level, Region
from ikz.test import World, make_unit, make_user

# The Wetteraukreis in the GV100AD of 30.11.2025 (Satzart 60, Textkennzeichen 63 Stadt / 64 Gemeinde).
WETTERAU = [
    ("06440001", "Altenstadt"),
    ("06440002", "Bad Nauheim, Stadt"),
    ("06440003", "Bad Vilbel, Stadt"),
    ("06440004", "Büdingen, Stadt"),
    ("06440005", "Butzbach, Friedrich-Ludwig-Weidig-Stadt"),
    ("06440006", "Echzell"),
    ("06440007", "Florstadt, Stadt"),
    ("06440008", "Friedberg (Hessen), Kreisstadt"),
    ("06440009", "Gedern, Stadt"),
    ("06440010", "Glauburg"),
    ("06440011", "Hirzenhain"),
    ("06440012", "Karben, Stadt"),
    ("06440013", "Kefenrod"),
    ("06440014", "Limeshain"),
    ("06440015", "Münzenberg, Stadt"),
    ("06440016", "Nidda, Stadt"),
    ("06440017", "Niddatal, Stadt"),
    ("06440018", "Ober-Mörlen"),
    ("06440019", "Ortenberg, Stadt"),
    ("06440020", "Ranstadt"),
    ("06440021", "Reichelsheim (Wetterau), Stadt"),
    ("06440022", "Rockenberg"),
    ("06440023", "Rosbach v. d. Höhe, Stadt"),
    ("06440024", "Wölfersheim"),
    ("06440025", "Wöllstadt"),
]


def _register(world: World) -> None:
    kreis = make_unit("06440", "Wetteraukreis", Level.KREIS, Kind.LANDKREIS, world.rb)
    for key, name in WETTERAU:
        kind = Kind.GEMEINDE if "," not in name else Kind.STADT
        unit = make_unit(key, name, Level.GEMEINDE, kind, kreis, ars=f"06440{key[5:]}0{key[5:]}"[:12])
        unit.short_name = rules.short_name(name)
        unit.save(update_fields=["short_name"])


def _replace(page: Any, selector: str, text: str) -> None:
    tab_to(page, selector, limit=120)
    page.keyboard.press("Control+a")
    page.keyboard.type(text)


def test_the_platform_office_founds_the_wetteraukreis(page: Any, live_server: Any, bworld: World) -> None:
    _register(bworld)
    platform = make_user("plattform", Role.OFFICE)
    login(page, live_server, platform)
    page.goto(reverse("municipalities:region_list"))
    found = f'main a[href="{reverse("municipalities:region_from_register")}"]'
    tab_to(page, found)
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)

    tab_to(page, "#id_kreis")
    page.locator("#id_kreis").select_option("06440")
    tab_to(page, "main form[method=get] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#id_name").input_value() == "IKZ Wetteraukreis"
    assert page.locator("#id_slug").input_value() == "wetteraukreis"
    assert page.locator("#id_m-1-short_label").input_value() == "BaNa"  # proposed: Bad Nauheim
    assert page.locator("main tbody tr").count() == len(WETTERAU) + 1  # and the Kreis itself
    assert_accessible(page)

    _replace(page, "#id_m-1-short_label", "BN")
    _replace(page, "#id_m-2-short_label", "BV")
    tab_to(page, "main form[method=post] button.kern-btn--primary", limit=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    region = Region.objects.get(slug="wetteraukreis")
    assert page.url.endswith(reverse("municipalities:region_members_edit", args=[region.slug]))
    body = page.locator("main table").inner_text()
    for key, name in WETTERAU:
        assert f"{name} ({key})" in body, name
    assert "Wetteraukreis (06440)" in body
    labels = list(region.members.order_by("position").values_list("short_label", flat=True))
    assert labels[1:3] == ["BN", "BV"] and labels[-1] == "Kreis" and len(labels) == 26
    assert region.size_classes.count() == len(rules.DEFAULT_SIZE_CLASSES)
    assert_accessible(page)

    # one more row, by keyboard and without a round trip: the cursor lands in it
    rows = page.locator("main tbody tr").count()
    tab_to(page, "main button[data-formset-add]", limit=400)  # date fields take three stops each
    page.keyboard.press("Enter")
    assert page.locator("main tbody tr").count() == rows + 1
    assert focused(page, f"#id_form-{rows}-ORDER")
    assert page.locator("#id_form-TOTAL_FORMS").input_value() == str(rows + 1)


def test_the_platform_office_updates_the_register_from_a_gv100ad_file(
    page: Any, live_server: Any, bworld: World, tmp_path: Any
) -> None:
    """Upload → the check runs by itself (progress bar) → the preview names the change → confirm."""
    from ikz.lib.tests.gv100ad_lines import small_register
    from ikz.municipalities.models import Municipality
    from ikz.municipalities.services.register import import_register

    import_register(small_register(), actor=None)
    newer = tmp_path / "GV100AD_30112026.txt"
    newer.write_bytes(small_register(stand="20261130", raunheim=16600))
    login(page, live_server, make_user("plattform", Role.OFFICE))
    page.goto(reverse("municipalities:municipality_list"))
    tab_to(page, f'main a[href="{reverse("imports:run_create", args=["gv100ad", 0])}"]', limit=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("main").get_by_text("Vorlage herunterladen").count() == 0  # no XLSX template
    assert_accessible(page)
    tab_to(page, "#id_file")
    page.locator("#id_file").set_input_files(str(newer))  # the file dialog itself is the system's
    tab_to(page, "main form[enctype] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#import-counts")  # progress.js submitted the check by itself
    assert "Einwohner 16.500 → 16.600" in page.locator("main table").inner_text()
    assert_accessible(page)
    tab_to(page, "main form[action$='/uebernehmen/'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    run_jobs_and_reload(page)  # the apply runs as a background job (decision 167)
    assert "Übernommen am" in page.locator("main").inner_text()
    raunheim = Municipality.objects.select_related("current_population").get(key="06433010")
    assert raunheim.current_population is not None and raunheim.current_population.total == 16600
