"""PDF through WeasyPrint, from the same printable HTML as the standalone page.

The base URL is the project's static folder, so the print CSS and the fonts it names (shipped in
static/fonts) are read from disk: the PDF is the same on every machine, with no network."""

from __future__ import annotations

import logging

from django.conf import settings

from khuyencong.pdf import static_only_fetcher
from reports.renderers.document import Document
from reports.renderers.html import render_standalone

# WeasyPrint logs each step at INFO; a report is not worth seven log lines.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

STYLESHEET = "css/print.css"


def static_root():
    return settings.BASE_DIR / "static"


def render_pdf(doc: Document) -> bytes:
    from weasyprint import HTML

    html = render_standalone(doc, stylesheet=STYLESHEET)
    return HTML(
        string=html, base_url=str(static_root()) + "/", url_fetcher=static_only_fetcher()
    ).write_pdf()
