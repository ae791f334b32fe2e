"""Text of an uploaded file, for the search (PDF via pypdf, DOCX via python-docx, XLSX via
openpyxl, PPTX from its slide XML, plain text as is). A file whose text cannot be read is kept
without text: the upload is not refused for that."""

from __future__ import annotations

import io
import logging
import re
import zipfile

log = logging.getLogger(__name__)
MAX_TEXT = 500_000  # characters kept per version


def extract_text(kind: str, data: bytes) -> str:
    try:
        text = _EXTRACTORS[kind](data)
    except Exception:
        log.warning("Text der Datei (%s) nicht lesbar", kind, exc_info=True)
        return ""
    return text[:MAX_TEXT]


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _docx(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _xlsx(data: bytes) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            parts.append(" ".join(str(v) for v in row if v is not None))
    return "\n".join(parts)


def _pptx(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        slides = sorted(n for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))
        return "\n".join(
            " ".join(re.findall(r"<a:t>([^<]*)</a:t>", archive.read(n).decode("utf-8"))) for n in slides
        )


def _txt(data: bytes) -> str:
    return data.decode("utf-8")


_EXTRACTORS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "pptx": _pptx, "txt": _txt}
