"""The report pipeline, written once: build (the builder's queries → plain data) → document (the
printed shape, reports.renderers.layouts) → render (reports.renderers: HTML, PDF, XLSX).

The report pages (reports.views), the `render_report` command and the background job
(reports.background) all call `report_file` (the page inside the portal, `format=html`, shows
`report_document` in the portal's layout), so a URL, the command and a downloaded job give the
same file. The builders run the queries; nothing after `report_document` does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reports.params import ReportParams
from reports.registry import build_plan, build_report
from reports.renderers import CONTENT_TYPES, render_document
from reports.renderers.document import Document
from reports.renderers.layouts import document
from reports.selectors import ReportScope


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    filename: str  # with its extension
    content_type: str

    @property
    def disposition(self) -> str:
        """A PDF opens in the browser; the other formats are saved."""
        kind = "inline" if self.filename.endswith(".pdf") else "attachment"
        return f'{kind}; filename="{self.filename}"'


def report_document(*, name: str, scope: ReportScope, params: ReportParams, plan=None) -> Document:
    """Build the report `name` for the reader's scope and lay it out. The `plan` report is built
    from a plan (already fetched within the reader's scope), the others from `params`."""
    data = build_plan(scope, plan) if name == "plan" else build_report(name, scope, params)
    return document(data)


def report_render(doc: Document, fmt: str) -> ReportFile:
    """A laid-out report as a file: standalone HTML, PDF or XLSX."""
    return ReportFile(render_document(doc, fmt), f"{doc.filename}.{fmt}", CONTENT_TYPES[fmt])


def report_file(
    *,
    name: str,
    scope: ReportScope,
    params: ReportParams,
    plan=None,
    built: Callable[[], None] | None = None,
) -> ReportFile:
    """The report as a file in `params.fmt`; `built` is called between the building and the
    rendering (the background job shows it as progress)."""
    doc = report_document(name=name, scope=scope, params=params, plan=plan)
    if built is not None:
        built()
    return report_render(doc, params.fmt)
