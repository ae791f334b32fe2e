"""What a PDF checker (PAC, veraPDF) looks at first, checked with pikepdf: the catalogue entries of a
tagged PDF (PDF/UA-1), its XMP identification, PDF/A's output intent, and that every piece of text
and every line on a page belongs to a structure element or is an artifact (decision 177)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pikepdf

# Operators that put something visible on the page: text and painted paths.
_VISIBLE = {"Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh"}


@dataclass
class Tagged:
    pdf: pikepdf.Pdf
    title: str
    roles: list[str] = field(default_factory=list)  # the structure elements, in reading order
    xmp: dict[str, str] = field(default_factory=dict)


def open_tagged(data: bytes) -> Tagged:
    """Opens ``data`` and asserts what every PDF of the platform has; returns it for more checks."""
    pdf = pikepdf.open(io.BytesIO(data))
    problems = pdf.check_pdf_syntax()
    assert not problems, problems  # qpdf finds the file sound
    root = pdf.Root
    assert root.Lang == "de-DE"
    assert root.MarkInfo.Marked is True
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert "/StructTreeRoot" in root
    with pdf.open_metadata() as meta:
        xmp = {
            key: str(meta.get(key))
            for key in ("dc:title", "pdfuaid:part", "pdfaid:part", "pdfaid:conformance")
        }
    assert xmp["pdfuaid:part"] == "1"
    assert xmp["dc:title"], "XMP dc:title fehlt"
    tagged = Tagged(pdf, xmp["dc:title"], _roles(root.StructTreeRoot), xmp)
    _every_mark_has_its_element(pdf)
    return tagged


def assert_archival(tagged: Tagged) -> None:
    """PDF/A-2 (level U) with the sRGB output intent that fpdf2 ships."""
    assert tagged.xmp["pdfaid:part"] == "2"
    assert tagged.xmp["pdfaid:conformance"] == "U"
    intents = tagged.pdf.Root.OutputIntents
    assert len(intents) == 1 and intents[0].S == "/GTS_PDFA1"
    assert intents[0].OutputConditionIdentifier == "sRGB"
    assert "/DestOutputProfile" in intents[0]
    assert "/Encrypt" not in tagged.pdf.trailer


def _roles(node: pikepdf.Object) -> list[str]:
    roles: list[str] = []
    kids = node.get("/K")
    if kids is None:
        return roles
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/MCR":
            roles.append(str(kid.S)[1:])
            roles.extend(_roles(kid))
    return roles


def _every_mark_has_its_element(pdf: pikepdf.Pdf) -> None:
    """Each marked sequence on a page points (MCID, via the parent tree) to an element that names
    this page and MCID; nothing visible is drawn outside a marked sequence."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for number, page in enumerate(pdf.pages, start=1):
        depth = 0
        seen: list[int] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in ("BDC", "BMC"):
                depth += 1
                if name == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                    mcid = int(operands[1].MCID)
                    seen.append(mcid)
                    element = parents[int(page.StructParents)][mcid]
                    assert str(element.S) == str(operands[0]), (number, mcid, element.S, operands[0])
                    assert _names(element, page, mcid), (number, mcid)
            elif name == "EMC":
                depth -= 1
                assert depth >= 0, f"EMC ohne BDC auf Seite {number}"
            elif name in _VISIBLE:
                assert depth > 0, f"Seite {number}: {name} außerhalb markierter Inhalte"
        assert depth == 0, f"Seite {number}: markierte Inhalte nicht geschlossen"
        assert seen == list(range(len(seen))), seen


def _names(element: pikepdf.Object, page: pikepdf.Page, mcid: int) -> bool:
    kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
    for kid in kids:
        if isinstance(kid, int) and kid == mcid and element.Pg.objgen == page.obj.objgen:
            return True
        if (
            isinstance(kid, pikepdf.Dictionary)
            and kid.get("/MCID") == mcid
            and kid.Pg.objgen == page.obj.objgen
        ):
            return True
    return False
