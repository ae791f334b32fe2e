"""Small text documents as PDF or DOCX (the demo's documents, test files, simple generated
letters): a title and paragraphs, through the one builder (ikz.lib.textdoc, look ``PLAIN``)."""

from __future__ import annotations

from collections.abc import Sequence

from ikz.lib.textdoc import PLAIN, TextDocument


def _document(title: str, paragraphs: Sequence[str]) -> TextDocument:
    document = TextDocument(title, look=PLAIN)
    document.heading(title, 1)
    for paragraph in paragraphs:
        document.paragraph(paragraph)
    return document


def pdf_bytes(title: str, paragraphs: Sequence[str]) -> bytes:
    return _document(title, paragraphs).to_pdf()


def docx_bytes(title: str, paragraphs: Sequence[str]) -> bytes:
    return _document(title, paragraphs).to_docx()


def text_bytes(title: str, paragraphs: Sequence[str]) -> bytes:
    return ("\n\n".join([title, *paragraphs]) + "\n").encode("utf-8")
