"""The one builder of text documents: a charter, a council draft, an onboarding letter, the annual
report, the Art. 15 answer, the demo's files.

A document is a title and a list of blocks (headings, paragraphs, lists, tables), written once
and rendered to DOCX (python-docx, editable; German, with its title) and to PDF (fpdf2 with the
vendored DejaVu fonts, so umlauts print; tagged, :mod:`ikz.lib.pdfdoc`; ``archival=True``: PDF/A-2
for a document of record). A :class:`Look` holds the fonts and sizes of one family of documents:
:data:`REPORT` (charter, reports, the Art. 15 answer), :data:`LETTER` (the onboarding's letters)
and :data:`PLAIN` (small generated files). For tables as downloads use :mod:`ikz.lib.exports`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ikz.lib.pdfdoc import LANG, TaggedPDF, new_pdf


@dataclass(frozen=True)
class Style:
    """One kind of PDF text: font size and line height (mm), space before and after, bold, align."""

    size: float
    line: float
    before: float = 0
    after: float = 0
    bold: bool = False
    align: str = "J"  # fpdf2's default: justified

    def line_for(self, size: float) -> float:
        return size * self.line / self.size


@dataclass(frozen=True)
class Look:
    headings: dict[int, Style]
    paragraph: Style
    note: Style  # a small line, e.g. the sender above a letter
    item: Style  # ``after``: the space after the whole list
    docx_font: tuple[str, int] | None = ("Arial", 11)
    page_break_margin: float = 15
    empty: str = ""  # printed for an empty paragraph in the PDF

    def heading(self, level: int) -> Style:
        return self.headings.get(level) or self.headings[max(self.headings)]


REPORT = Look(
    headings={
        0: Style(16, 8, bold=True, after=1),
        1: Style(13, 6.5, before=2, after=1, bold=True),
        2: Style(11, 5.5, before=2, after=1, bold=True),
    },
    paragraph=Style(10, 5, after=1.5),
    note=Style(9, 4.5, after=1.5),
    item=Style(10, 5, after=1.5),
    empty="–",
)
LETTER = Look(
    headings={
        1: Style(14, 7, after=2, bold=True, align="L"),
        2: Style(11, 6, before=2, bold=True, align="L"),
    },
    paragraph=Style(10, 5, after=2, align="L"),
    note=Style(8, 4, after=4, align="L"),
    item=Style(10, 5, align="L"),
)
PLAIN = Look(
    headings={1: Style(14, 8, after=2, bold=True)},
    paragraph=Style(11, 6, after=2),
    note=Style(9, 5, after=2),
    item=Style(11, 6, after=2),
    docx_font=None,
    page_break_margin=20,  # fpdf2's own default
)


@dataclass(frozen=True)
class Block:
    kind: str  # heading | paragraph | note | list | table | pairs
    text: str = ""
    level: int = 1
    size: float | None = None
    items: tuple[str, ...] = ()
    strong: bool | None = None  # None: the font's weight; True/False: bold or not, explicitly
    numbered: bool = False
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass
class TextDocument:
    """Add blocks in reading order, then ``to_docx()`` or ``to_pdf()``."""

    title: str
    look: Look = REPORT
    landscape: bool = False
    blocks: list[Block] = field(default_factory=list)
    archival: bool = False  # a document of record: the PDF is PDF/A-2 (decision 176)

    def heading(self, text: str, level: int = 1) -> None:
        self.blocks.append(Block("heading", text, level=level))

    def paragraph(self, text: str, size: float | None = None) -> None:
        """``size``: a smaller or larger PDF font for this paragraph (the DOCX keeps its font)."""
        self.blocks.append(Block("paragraph", text, size=size))

    def note(self, text: str) -> None:
        self.blocks.append(Block("note", text))

    def bullets(
        self,
        items: Sequence[str],
        *,
        strong: bool | None = None,
        numbered: bool = False,
        size: float | None = None,
    ) -> None:
        self.blocks.append(Block("list", items=tuple(items), strong=strong, numbered=numbered, size=size))

    def table(self, columns: Sequence[str], rows: Sequence[Sequence[str]], size: float = 8) -> None:
        """A table with a heading row (repeated on every PDF page)."""
        self.blocks.append(
            Block("table", size=size, columns=tuple(columns), rows=tuple(tuple(r) for r in rows))
        )

    def pairs(self, rows: Sequence[tuple[str, str]]) -> None:
        """Label and value, two columns without a heading row (the head of a council draft)."""
        self.blocks.append(Block("pairs", rows=tuple(tuple(r) for r in rows)))

    # --- DOCX ---------------------------------------------------------------------------------

    def to_docx(self) -> bytes:
        from docx import Document
        from docx.shared import Pt

        document = Document()
        document.core_properties.title = self.title
        document.core_properties.language = LANG
        _docx_language(document)
        if self.look.docx_font is not None:
            style = document.styles["Normal"]
            style.font.name, size = self.look.docx_font
            style.font.size = Pt(size)
        for block in self.blocks:
            _docx_block(document, block)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    # --- PDF ----------------------------------------------------------------------------------

    def to_pdf(self) -> bytes:
        pdf = new_pdf(
            self.title,
            landscape=self.landscape,
            margin=self.look.page_break_margin,
            archival=self.archival,
        )
        pdf.add_page()
        top = min((b.level for b in self.blocks if b.kind == "heading"), default=1)
        for block in self.blocks:
            _pdf_block(pdf, self.look, block, top)
        return bytes(pdf.output())

    output = to_pdf  # the name ikz.lib.pdf.Document had


def _docx_language(document: Any) -> None:
    """German for the whole document: the default run properties of the styles (``rPrDefault``)
    say ``de-DE``, so Word checks the spelling as German (python-docx's template says en-US). The
    East Asian and right-to-left languages stay as they are."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    parent = document.styles.element
    for tag in ("w:docDefaults", "w:rPrDefault", "w:rPr", "w:lang"):
        child = parent.find(qn(tag))
        if child is None:
            child = OxmlElement(tag)
            if tag == "w:docDefaults":
                parent.insert(0, child)  # docDefaults comes first in styles.xml
            else:
                parent.append(child)
        parent = child
    parent.set(qn("w:val"), LANG)


def _docx_block(document: Any, block: Block) -> None:
    if block.kind == "heading":
        document.add_heading(block.text, level=block.level)
    elif block.kind in ("paragraph", "note"):
        document.add_paragraph(block.text)
    elif block.kind == "list":
        style = "List Number" if block.numbered else "List Bullet"
        for item in block.items:
            if block.strong is not None:
                document.add_paragraph(style=style).add_run(item).bold = block.strong
            else:
                document.add_paragraph(item, style=style)
    elif block.kind in ("table", "pairs"):
        table = document.add_table(rows=0, cols=len(block.columns) if block.columns else 2)
        for row in ([block.columns] if block.columns else []) + list(block.rows):
            for cell, value in zip(table.add_row().cells, row, strict=False):
                cell.text = value


def _write(
    pdf: TaggedPDF,
    role: str,
    style: Style,
    text: str,
    size: float | None = None,
    bold: bool | None = None,
) -> None:
    size = size or style.size
    pdf.set_font("DejaVu", "B" if (style.bold if bold is None else bold) else "", size)
    with pdf.tagged(role):
        pdf.multi_cell(0, style.line_for(size), text, new_x="LMARGIN", new_y="NEXT", align=style.align)


def _pdf_block(pdf: TaggedPDF, look: Look, block: Block, top: int) -> None:
    """``top``: the level of the document's first heading level, tagged H1 (H1, H2 … without gaps)."""
    if block.kind == "heading":
        style = look.heading(block.level)
        if style.before:
            pdf.ln(style.before)
        _write(pdf, f"H{min(max(block.level - top + 1, 1), 6)}", style, block.text)
    elif block.kind in ("paragraph", "note"):
        style = look.paragraph if block.kind == "paragraph" else look.note
        _write(pdf, "P", style, block.text or look.empty, block.size)
    elif block.kind == "list":
        style = look.item
        with pdf.group("L"):
            for number, item in enumerate(block.items, start=1):
                marker = f"{number}. " if block.numbered else "• "
                with pdf.group("LI"):
                    _write(
                        pdf, "LBody", style, marker + item, block.size, bold=bool(block.strong) or style.bold
                    )
    elif block.kind in ("table", "pairs"):
        _pdf_table(pdf, block)
        return
    if style.after:
        pdf.ln(style.after)


def _pdf_table(pdf: TaggedPDF, block: Block) -> None:
    from fpdf.fonts import FontFace

    size = block.size or 8
    pdf.set_font("DejaVu", "", size)
    with pdf.table(
        width=pdf.epw,
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
        line_height=size * 0.55,
        repeat_headings=1,
        text_align="LEFT",
        first_row_as_headings=bool(block.columns),
        row_headings=block.kind == "pairs",
    ) as table:
        for row in ([block.columns] if block.columns else []) + list(block.rows):
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.ln(2)
