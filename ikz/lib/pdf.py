"""Text documents as PDF (fpdf2, the vendored DejaVu fonts): a charter, a report.

For tables as downloads use :mod:`ikz.lib.exports`; this module writes headings, paragraphs,
bullet lists and small tables into one A4 document."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ikz.lib.exports import new_pdf


class Document:
    """A4 portrait, DejaVu Sans, German document language."""

    def __init__(self, title: str, *, landscape: bool = False) -> None:
        self.pdf: Any = new_pdf(title, landscape=landscape)
        self.pdf.add_page()

    def heading(self, text: str, level: int = 1) -> None:
        size = {0: 16, 1: 13, 2: 11}.get(level, 11)
        self.pdf.ln(2 if level else 0)
        self.pdf.set_font("DejaVu", "B", size)
        self.pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1)

    def paragraph(self, text: str, size: float = 10) -> None:
        self.pdf.set_font("DejaVu", "", size)
        self.pdf.multi_cell(0, size * 0.5, text or "–", new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1.5)

    def bullets(self, items: Sequence[str], size: float = 10) -> None:
        self.pdf.set_font("DejaVu", "", size)
        for item in items:
            self.pdf.multi_cell(0, size * 0.5, "• " + item, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1.5)

    def table(self, columns: Sequence[str], rows: Sequence[Sequence[str]], size: float = 8) -> None:
        from fpdf.fonts import FontFace

        self.pdf.set_font("DejaVu", "", size)
        with self.pdf.table(
            width=self.pdf.epw,
            headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
            line_height=size * 0.55,
            repeat_headings=1,
            text_align="LEFT",
        ) as table:
            heading = table.row()
            for column in columns:
                heading.cell(column)
            for row in rows:
                cells = table.row()
                for value in row:
                    cells.cell(value)
        self.pdf.ln(2)

    def output(self) -> bytes:
        return bytes(self.pdf.output())
