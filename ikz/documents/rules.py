"""What a file is, judged by its bytes, and whether the library accepts it. Pure functions."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

# kind → (MIME type, accepted file name endings)
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "pdf": ("application/pdf", (".pdf",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",)),
    "txt": ("text/plain; charset=utf-8", (".txt", ".md", ".csv")),
}
# The member of an Office Open XML package that tells which kind of document it is.
_OOXML_MARKERS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}


def detect_kind(data: bytes) -> str | None:
    """The kind of file by its content (magic numbers), not by its name; ``None`` if unknown."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" not in names:
            return None
        for member, kind in _OOXML_MARKERS.items():
            if member in names:
                return kind
        return None
    if b"\x00" in data[:8192]:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "txt"


def extension(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower() if dot > 0 else ""


@dataclass(frozen=True)
class Refusal:
    """Why a file is refused: a German message for the upload field."""

    message: str


def check_upload(
    filename: str, data: bytes, *, max_bytes: int, allowed: frozenset[str]
) -> tuple[str, Refusal | None]:
    """(kind, refusal): the kind detected from the bytes, and the reason to refuse the file, if any.

    Refused: empty or too large files, kinds that are not allowed, and names whose ending does
    not match the content (an .exe renamed .pdf, a PDF named .docx)."""
    if not data:
        return "", Refusal(_("Die Datei ist leer."))
    if len(data) > max_bytes:
        mb = max_bytes / (1024 * 1024)
        return "", Refusal(_("Die Datei ist zu groß: höchstens %(mb)s MB sind erlaubt.") % {"mb": f"{mb:g}"})
    kind = detect_kind(data)
    endings = ", ".join(e for k in sorted(allowed) for e in KINDS[k][1])
    if kind is None or kind not in allowed:
        return "", Refusal(
            _("Dieser Dateityp ist nicht erlaubt. Erlaubt sind: %(endings)s.") % {"endings": endings}
        )
    if extension(filename) not in KINDS[kind][1]:
        return "", Refusal(
            _(
                "Die Dateiendung „%(ending)s“ passt nicht zum Inhalt der Datei (%(kind)s). "
                "Bitte laden Sie die Datei mit der richtigen Endung hoch."
            )
            % {"ending": extension(filename) or _("(keine)"), "kind": kind.upper()}
        )
    return kind, None


def mime_type(kind: str) -> str:
    return KINDS[kind][0]


def extraction_key(version_id: int) -> str:
    """The idempotency key of the background extraction of one version (also how the document page
    finds out that the full text is still being made)."""
    return f"documents.extract_text:{version_id}"
