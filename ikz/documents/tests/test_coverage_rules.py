"""The kind of a file by its bytes: damaged and foreign ZIP files, binary and non-UTF-8 text."""

from __future__ import annotations

import io
import zipfile

from ikz.documents import rules


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def test_office_files_are_told_apart_by_their_marker_member() -> None:
    assert rules.detect_kind(_zip("[Content_Types].xml", "word/document.xml")) == "docx"
    assert rules.detect_kind(_zip("[Content_Types].xml", "xl/workbook.xml")) == "xlsx"
    assert rules.detect_kind(_zip("[Content_Types].xml", "ppt/presentation.xml")) == "pptx"


def test_zip_files_that_are_no_office_document_are_unknown() -> None:
    assert rules.detect_kind(b"PK\x03\x04 abgeschnitten") is None  # damaged
    assert rules.detect_kind(_zip("bild.png")) is None  # a plain ZIP archive
    assert rules.detect_kind(_zip("[Content_Types].xml", "other/content.xml")) is None  # OOXML, unknown kind


def test_text_must_be_utf8_without_null_bytes() -> None:
    assert rules.detect_kind("Grüße".encode()) == "txt"
    assert rules.detect_kind("Grüße".encode("latin-1")) is None
    assert rules.detect_kind(b"MZ\x90\x00\x03") is None  # a Windows program
    assert rules.extension("Bericht.PDF") == ".pdf"
    assert rules.extension(".profile") == ""
    assert rules.extension("ohne-endung") == ""
