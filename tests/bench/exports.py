"""The full national exports as the ministry: seconds, peak memory of the serving processes, and
the XLSX export against openpyxl writing the same cells in write-only mode.

An export may answer with the file (inline, streamed or not) or, for a big list, with a page that
follows a background task and then offers the file. `fetch_export` follows either: it is the one
place to adapt if that flow changes.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

from tests.bench.client import BenchHTTPError, Response, Session

POLL_INTERVAL = 0.5
DOWNLOAD_HINT = re.compile(r"download|t[ảa]i|\.xlsx|\.csv|/file", re.I)
HREF = re.compile(r"<a\b[^>]*\bhref=\"([^\"]+)\"[^>]*>", re.I)
META_REFRESH = re.compile(r'http-equiv="refresh"[^>]*content="\d+;\s*url=([^"]+)"', re.I)


@dataclass
class ExportResult:
    ok: bool
    seconds: float
    size: int = 0
    path: Path | None = None
    status: int | None = None
    mode: str = "inline"  # "inline" | "background"
    requests: list[float] = field(default_factory=list)  # each request's own seconds
    problem: str = ""

    @property
    def max_request_s(self) -> float | None:
        return max(self.requests, default=None)


def download_links(html: str) -> list[str]:
    """Links of a job page that look like the file: an <a download>, or an href that says so."""
    links = []
    for match in HREF.finditer(html):
        tag, href = match.group(0), unescape(match.group(1))
        if " download" in tag or DOWNLOAD_HINT.search(href):
            links.append(href)
    return links


def fetch_export(session: Session, url: str, target: Path, *, limit_s: float = 900) -> ExportResult:
    """GET `url` until the file arrives (followed redirects, progress pages polled, the download
    link fetched), saving it to `target`. Time counts from the first request to the last byte."""
    started = time.perf_counter()
    result = ExportResult(ok=False, seconds=0.0, path=target)
    next_url = url
    job_url = None
    try:
        while time.perf_counter() - started < limit_s:
            response: Response = session.get(next_url, save_to=str(target))
            result.requests.append(response.seconds)
            result.status = response.status
            if response.status == 200 and response.is_attachment:
                result.ok, result.size = True, response.size
                break
            if response.status in (301, 302, 303, 307, 308):
                next_url = urljoin(response.url, response.location)
                if "/accounts/login/" in next_url:
                    result.problem = "redirected to the login page"
                    break
                result.mode = "background"
                continue
            if response.status != 200:
                result.problem = f"status {response.status}"
                break
            # A page instead of a file: the background flow (progress, then a link).
            result.mode = "background"
            html = target.read_text(errors="replace")
            here = response.url
            job_url = job_url or here
            links = [urljoin(here, link) for link in download_links(html)]
            refresh = META_REFRESH.search(html)
            if links and links[0] != here:
                next_url = links[0]
                continue
            next_url = urljoin(here, unescape(refresh.group(1))) if refresh else job_url
            time.sleep(POLL_INTERVAL)
        else:
            result.problem = f"no file after {limit_s:.0f} s"
    except BenchHTTPError as error:
        result.problem = str(error)
    result.seconds = time.perf_counter() - started
    return result


def openpyxl_write_seconds(path: Path, scratch: Path) -> tuple[float, int, int]:
    """Seconds openpyxl takes to write the cells of the first sheet of `path` again, in
    write-only mode (the floor an XLSX export can reach); also rows and columns."""
    from openpyxl import Workbook, load_workbook

    source = load_workbook(path, read_only=True)
    rows = [list(row) for row in source.worksheets[0].iter_rows(values_only=True)]
    source.close()
    columns = max((len(row) for row in rows), default=0)
    started = time.perf_counter()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sheet")
    for row in rows:
        sheet.append(row)
    book.save(scratch)
    return time.perf_counter() - started, len(rows), columns
