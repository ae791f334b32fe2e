"""What a file is, by its bytes; which uploads are refused (no database)."""

from __future__ import annotations

import io
import zipfile

from ikz.documents.generate import docx_bytes, pdf_bytes
from ikz.documents.rules import check_upload, detect_kind

ALL = frozenset({"pdf", "docx", "xlsx", "pptx", "txt"})
MB = 1024 * 1024
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 100


def _xlsx() -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def test_kinds_are_told_by_content() -> None:
    assert detect_kind(pdf_bytes("Charta", ["Beschaffung"])) == "pdf"
    assert detect_kind(docx_bytes("Charta", ["Beschaffung"])) == "docx"
    assert detect_kind(_xlsx()) == "xlsx"
    assert detect_kind("Gebühren der Straße\n".encode()) == "txt"
    assert detect_kind(EXE) is None


def test_a_plain_zip_is_not_an_office_document() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")  # no [Content_Types].xml
    assert detect_kind(out.getvalue()) is None


def test_exe_renamed_pdf_is_refused() -> None:
    kind, refusal = check_upload("rechnung.pdf", EXE, max_bytes=MB, allowed=ALL)
    assert refusal is not None and "nicht erlaubt" in refusal.message
    assert "PDF" not in kind


def test_pdf_named_docx_is_refused_as_misleading() -> None:
    _kind, refusal = check_upload("vertrag.docx", pdf_bytes("Vertrag", ["Text"]), max_bytes=MB, allowed=ALL)
    assert refusal is not None
    assert "„.docx“ passt nicht zum Inhalt der Datei (PDF)" in refusal.message


def test_too_large_and_empty_files_are_refused() -> None:
    _k, big = check_upload("a.txt", b"x" * (MB + 1), max_bytes=MB, allowed=ALL)
    assert big is not None and "höchstens 1 MB" in big.message
    _k, empty = check_upload("a.txt", b"", max_bytes=MB, allowed=ALL)
    assert empty is not None and "leer" in empty.message


def test_kind_not_in_the_allowed_list_is_refused() -> None:
    _k, refusal = check_upload("tabelle.xlsx", _xlsx(), max_bytes=MB, allowed=frozenset({"pdf"}))
    assert refusal is not None and "Erlaubt sind: .pdf." in refusal.message


def test_good_files_pass() -> None:
    assert check_upload("Charta.PDF", pdf_bytes("C", ["x"]), max_bytes=MB, allowed=ALL) == ("pdf", None)
    assert check_upload("notiz.txt", b"Hallo", max_bytes=MB, allowed=ALL) == ("txt", None)
