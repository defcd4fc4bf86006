"""Renderers: a laid-out report (a Document) → bytes of one format. No query here.

The last step of the report pipeline (reports.pipeline, which the page, `render_report` and the
background job call); `render(report_data, fmt)` lays out and renders data already built.
"""

from reports.renderers.document import Document
from reports.renderers.layouts import document

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render_document(doc: Document, fmt: str) -> bytes:
    if fmt == "html":
        from reports.renderers.html import render_standalone

        return render_standalone(doc).encode("utf-8")
    if fmt == "pdf":
        from reports.renderers.pdf import render_pdf

        return render_pdf(doc)
    if fmt == "xlsx":
        from reports.renderers.xlsx import render_xlsx

        return render_xlsx(doc)
    raise ValueError(f"Unknown format {fmt!r}")


def render(report_data, fmt: str) -> bytes:
    """The report as a standalone HTML document, a PDF or an XLSX workbook."""
    return render_document(document(report_data), fmt)
