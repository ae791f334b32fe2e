"""Documents for tests, made through the upload service (so they are checked and indexed)."""

from __future__ import annotations

import datetime as dt

from ikz.documents.generate import docx_bytes, pdf_bytes, text_bytes
from ikz.documents.models import DocType, Document, Visibility
from ikz.documents.services import Upload, upload_document
from ikz.municipalities.models import Municipality, Region

MAKERS = {"pdf": pdf_bytes, "docx": docx_bytes, "txt": text_bytes}


def make_document(
    title: str,
    text: str,
    *,
    visibility: str = Visibility.PUBLIC,
    region: Region | None = None,
    owner: Municipality | None = None,
    kind: str = "txt",
    doc_type: str = DocType.REPORT,
    date: dt.date = dt.date(2024, 5, 1),
) -> Document:
    data = MAKERS[kind](title, [text])
    return upload_document(
        {
            "title": title,
            "doc_type": doc_type,
            "date": date,
            "visibility": visibility,
            "region": region,
            "owner": owner,
        },
        [],
        Upload(filename=f"{title[:20]}.{kind}", data=data),
        actor=None,
    )
