"""The one PDF factory: A4, the vendored DejaVu fonts, German, tagged (PDF/UA-1); a document of
record also as PDF/A-2u (decisions 175, 176).

fpdf2 writes the file. Its structure tree (2.8) is flat and ends a marked sequence at a page
break; this module adds only what tagged text needs on top of it: nested structure elements
(``Table > TR > TH/TD``, ``L > LI > LBody``), marked content that goes on across a page break
(the next page gets a marked-content reference to the same element), the heading rows that a
table repeats on every page as artifacts, and the XMP metadata with the PDF/UA identification.

Use :func:`new_pdf`, then write every visible thing inside ``pdf.tagged("P")`` (a leaf element
with content) or inside ``pdf.group("L")`` (an element whose children are elements); tables
through ``pdf.table(...)`` are tagged by themselves.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path
from typing import Any

from fpdf import FPDF, FPDF_VERSION
from fpdf.prefs import ViewerPreferences
from fpdf.structure_tree import StructElem, StructureTreeBuilder
from fpdf.syntax import PDFObject, PDFString
from fpdf.table import Table

LANG = "de-DE"
ARCHIVAL = "PDFA_2U"  # PDF/A-2, level U: every character maps to Unicode (embedded TrueType fonts)
FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"


class Element(StructElem):
    """A structure element that may carry attributes (``/A``), e.g. the scope of a table heading."""

    __slots__ = ("a",)

    def __init__(self, role: str, parent: PDFObject, page: int, pdf: FPDF, attributes: str | None) -> None:
        super().__init__(struct_type=f"/{role}", parent=parent, kids=[], page_number=page)
        self.a = attributes
        # fpdf2 sets it again for the Document's own children, to the same page:
        self.pg = pdf.pages[page]  # type: ignore[assignment]


class _MarkedContentReference:
    """A child of an element that goes on on another page: ``<< /Type /MCR /Pg page /MCID n >>``."""

    def __init__(self, page: PDFObject, mcid: int) -> None:
        self.page = page
        self.mcid = mcid

    def serialize(self, **_kwargs: Any) -> str:
        return f"<</Type /MCR /Pg {self.page.ref} /MCID {self.mcid}>>"


class _Tree(StructureTreeBuilder):
    """fpdf2's tree builder with nesting: new elements go into the innermost open group."""

    def __init__(self, pdf: FPDF) -> None:
        super().__init__()
        self.pdf = pdf
        self.open: list[StructElem] = [self.doc_struct_elem]
        self.elements: list[StructElem] = []
        self.mcids: defaultdict[int, int] = defaultdict(int)

    def element(self, role: str, attributes: str | None = None) -> Element:
        element = Element(role, self.open[-1], self.pdf.page, self.pdf, attributes)
        self.open[-1].k.append(element)
        self.elements.append(element)
        return element

    def mark(self, element: StructElem, page: int) -> int:
        """A new marked-content id on ``page`` for content of ``element``."""
        mcid = self.mcids[page]
        self.mcids[page] += 1
        spid = self.spid_per_page_number.setdefault(page, len(self.spid_per_page_number))
        self.struct_tree_root.parent_tree.nums[spid].append(element)
        self.pdf.pages[page].struct_parents = spid
        if page == element.page_number():
            element.k.append(mcid)
        else:
            element.k.append(_MarkedContentReference(self.pdf.pages[page], mcid))
        return mcid

    # fpdf2's own calls (an image's /Figure, a link): nested too, numbered like ours.
    def add_marked_content(
        self,
        page_number: int,
        struct_type: str,
        mcid: int | None = None,
        title: str | None = None,
        alt_text: str | None = None,
    ) -> tuple[StructElem, int]:
        element = self.element(struct_type.lstrip("/"))
        element.alt = None if alt_text is None else PDFString(alt_text)
        if mcid is not None:
            self.mark(element, page_number)
        return element, self.spid_per_page_number.setdefault(page_number, len(self.spid_per_page_number))

    def next_mcid_for_page(self, page_number: int) -> int:
        return self.mcids[page_number]

    def empty(self) -> bool:
        return not self.elements

    def __iter__(self) -> Iterator[PDFObject]:
        yield self.struct_tree_root
        yield self.doc_struct_elem
        yield self.struct_tree_root.parent_tree
        yield from self.elements


class TaggedPDF(FPDF):
    """An fpdf2 document whose content is tagged; see the module's docstring."""

    def __init__(self, *, landscape: bool, archival: bool) -> None:
        super().__init__(
            orientation="L" if landscape else "P",
            unit="mm",
            format="A4",
            enforce_compliance=ARCHIVAL if archival else None,
        )
        self.archival = archival
        self.struct_builder = _Tree(self)
        self.tree: _Tree = self.struct_builder
        self._marking: tuple[str, StructElem] | None = None
        self.in_artifact = False

    @contextmanager
    def group(self, role: str) -> Iterator[StructElem]:
        """An element whose children are elements (Table, TR, L, LI)."""
        element = self.tree.element(role)
        self.tree.open.append(element)
        try:
            yield element
        finally:
            self.tree.open.pop()

    @contextmanager
    def tagged(self, role: str, attributes: str | None = None) -> Iterator[StructElem]:
        """A leaf element (H1, P, LBody, TD) and the content written inside the block."""
        if self.in_artifact:
            yield self.tree.doc_struct_elem
            return
        element = self.tree.element(role, attributes)
        self._begin(role, element)
        try:
            yield element
        finally:
            self._out("EMC")
            self._marking = None

    @contextmanager
    def artifact(self) -> Iterator[None]:
        """Content that is no part of the text: the heading rows a table repeats on a new page."""
        self._out("/Artifact <</Type /Pagination>> BDC")
        self.in_artifact = True
        try:
            yield
        finally:
            self.in_artifact = False
            self._out("EMC")

    @contextmanager
    def _marked_sequence(self, **kwargs: Any) -> Iterator[StructElem]:
        """fpdf2's image with ``alt_text``: a Figure in the open group, tagged /Figure."""
        with self.tagged("Figure") as element:
            alt = kwargs.get("alt_text")
            element.alt = None if alt is None else PDFString(alt)
            yield element

    def _begin(self, role: str, element: StructElem) -> None:
        mcid = self.tree.mark(element, self.page)
        self._out(f"/{role} <</MCID {mcid}>> BDC")
        self._marking = (role, element)

    def add_page(self, *args: Any, **kwargs: Any) -> None:
        """A page break inside a paragraph: the marked sequence ends on this page and goes on on
        the next one, for the same element."""
        marking = self._marking
        if marking is not None:
            self._out("EMC")
            self._marking = None
        super().add_page(*args, **kwargs)
        if marking is not None:
            self._begin(*marking)

    @contextmanager
    def table(self, *args: Any, row_headings: bool = False, **kwargs: Any) -> Iterator[Table]:
        """fpdf2's table, tagged: ``Table > TR > TH/TD``; ``row_headings``: the first column is a
        heading of its row (label and value)."""
        table = _TaggedTable(self, *args, **kwargs)
        table.row_headings = row_headings
        yield table
        with self.group("Table"):
            table.render()


class _TaggedTable(Table):
    row_headings = False
    _tagged_rows: set[int]

    def _render_table_row(self, i: int, *args: Any, **kwargs: Any) -> None:
        pdf: TaggedPDF = self._fpdf  # type: ignore[assignment]
        done = self.__dict__.setdefault("_tagged_rows", set())
        if i in done:  # a heading row again, on top of a new page
            with pdf.artifact():
                super()._render_table_row(i, *args, **kwargs)
            return
        done.add(i)
        with pdf.group("TR"):
            super()._render_table_row(i, *args, **kwargs)

    def _render_table_cell(self, i: int, j: int, *args: Any, **kwargs: Any) -> Any:
        pdf: TaggedPDF = self._fpdf  # type: ignore[assignment]
        rendering = kwargs.get("cell_height_info", args[2] if len(args) > 2 else None) is not None
        if not rendering or pdf.in_artifact:
            return super()._render_table_cell(i, j, *args, **kwargs)
        if i < self._num_heading_rows:
            role, scope = "TH", "Column"
        elif self.row_headings and j == 0:
            role, scope = "TH", "Row"
        else:
            role, scope = "TD", None
        with pdf.tagged(role, f"<</O /Table /Scope /{scope}>>" if scope else None):
            return super()._render_table_cell(i, j, *args, **kwargs)


def new_pdf(title: str, *, landscape: bool = False, margin: float = 15, archival: bool = False) -> TaggedPDF:
    """An A4 document with the vendored DejaVu fonts (regular "" and bold "B"), German, tagged,
    its title shown in the reader's window; ``archival``: PDF/A-2u for a document of record."""
    pdf = TaggedPDF(landscape=landscape, archival=archival)
    pdf.set_title(title)
    pdf.set_lang(LANG)
    pdf.set_creator("IKZ-Plattform")
    pdf.set_producer(f"fpdf2 {FPDF_VERSION}")
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_xmp_metadata(_xmp(pdf, title, archival))
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=margin)
    return pdf


# The PDF/UA identification is no schema of PDF/A-2's own; a PDF/A file declares it.
_PDFUA_SCHEMA = """
    <rdf:Description rdf:about=""
        xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
        xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
        xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
      <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
        <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
          <pdfaProperty:name>part</pdfaProperty:name>
          <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
          <pdfaProperty:category>internal</pdfaProperty:category>
          <pdfaProperty:description>Part of ISO 14289 the document conforms to</pdfaProperty:description>
        </rdf:li></rdf:Seq></pdfaSchema:property>
      </rdf:li></rdf:Bag></pdfaExtension:schemas>
    </rdf:Description>"""


def _xmp(pdf: FPDF, title: str, archival: bool) -> str:
    """The XMP metadata, the same as the document information (title, creator, producer, date)."""
    created = pdf.creation_date.astimezone(dt.UTC).isoformat(timespec="seconds")
    pdfa = (
        '    <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
        "      <pdfaid:part>2</pdfaid:part><pdfaid:conformance>U</pdfaid:conformance>\n"
        "    </rdf:Description>"
        if archival
        else ""
    )
    return f"""<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <dc:format>application/pdf</dc:format>
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
      <dc:language><rdf:Bag><rdf:li>{LANG}</rdf:li></rdf:Bag></dc:language>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
        xmp:CreatorTool="{escape(pdf.creator)}" xmp:CreateDate="{created}"
        xmp:ModifyDate="{created}" xmp:MetadataDate="{created}"/>
    <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
        pdf:Producer="{escape(pdf.producer)}"/>
    <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
      <pdfuaid:part>1</pdfuaid:part>
    </rdf:Description>
{pdfa}{_PDFUA_SCHEMA}
  </rdf:RDF>
</x:xmpmeta>"""
