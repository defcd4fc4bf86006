"""What WeasyPrint may read while it draws a PDF: the portal's own static files (the print CSS
and the fonts it names), nothing else.

Reports escape every user text today, so no stored title can name an image or a stylesheet; this
fetcher is the second wall behind that. A URL to another host, another scheme (http, ftp, data),
or a file outside the static folders (../../etc/passwd, MEDIA_ROOT's private uploads) is refused
and WeasyPrint draws without it. Every PDF render passes `url_fetcher=static_only_fetcher()`.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings


def static_roots() -> list[Path]:
    """The folders a PDF may read: the project's static/ (STATICFILES_DIRS) and STATIC_ROOT."""
    roots = [Path(root) for root in settings.STATICFILES_DIRS]
    roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


def allowed_path(url: str) -> Path | None:
    """The file a URL names when it is a file:// URL inside the static folders, else None."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path)).resolve()
    if not path.is_file():
        return None
    if not any(path.is_relative_to(root) for root in static_roots()):
        return None
    return path


def static_only_fetcher():
    """A WeasyPrint URL fetcher that serves only `allowed_path` files."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"file"}, allow_redirects=False)

        def fetch(self, url, headers=None):
            path = allowed_path(url)
            if path is None:
                raise ValueError(f"Refused outside the portal's static files: {url[:200]}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticOnlyFetcher()
