"""The pure parts of `make bench` (tests/bench): its arithmetic, its results file, its page list,
and the small HTML and tax-code helpers its clients rely on. No gunicorn, no dataset."""

import importlib
import json
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import Resolver404, clear_url_caches, resolve

import khuyencong.urls
from beneficiaries.taxcode import parse_tax_code
from tests.bench import exports, stats
from tests.bench.client import Session, main_form, parse_forms
from tests.bench.datasets import database_for_scale, parse_scale, scale_label
from tests.bench.load import Sample, tax_code
from tests.bench.pages import EXPORTS, PING, page_urls, report_urls

FACTS = {
    user: {
        "big_plan": 3,
        "year": 2023,
        "project_word": "nong",
        "dossier": 17,
        "last_page": 12,
        "beneficiary_word": "cong",
    }
    for user in ("ministry", "centre")
}


def test_percentile_interpolates_between_closest_ranks():
    assert stats.percentile([4, 1, 3, 2], 50) == 2.5
    assert stats.percentile(list(range(1, 21)), 95) == pytest.approx(19.05)
    assert stats.percentile([7.0], 95) == 7.0
    assert stats.percentile([1, 2, 3], 0) == 1
    assert stats.percentile([1, 2, 3], 100) == 3
    assert stats.median([5, 1, 3]) == 3


def test_percentile_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        stats.percentile([], 95)


def test_ratio_needs_both_values_and_a_positive_denominator():
    assert stats.ratio(3.0, 1.5) == 2.0
    assert stats.ratio(None, 1.0) is None
    assert stats.ratio(1.0, None) is None
    assert stats.ratio(1.0, 0) is None


def test_sample_is_ok_only_when_every_answer_was_200():
    sample = Sample(latencies=[0.1, 0.2], statuses={200: 2})
    assert sample.ok and sample.p95 == pytest.approx(0.195)
    failed = Sample(latencies=[0.1], statuses={200: 1, 500: 1})
    assert not failed.ok and "500" in failed.problem()


@pytest.mark.parametrize(
    ("metric", "value", "expected"),
    [
        ("page_p95_ratio.ministry.projects", 1.99, "PASS"),
        ("page_p95_ratio.ministry.projects", 2.01, "MISS"),
        ("page_p95_ratio.centre.plans", None, "MISS"),
        ("growth.centre.plans", 1.3, "PASS"),
        ("growth.centre.plans", 1.31, "MISS"),
        ("queries.ministry.dashboard", 16, "MISS"),
        ("xlsx_export_ratio", 1.2, "PASS"),
        ("pdf_overhead.consolidated", 1.15, "PASS"),
        ("pdf_overhead.consolidated", 1.16, "MISS"),
        ("pdf_overhead.consolidated", None, "MISS"),
        ("report.project_list.pdf.seconds", 40.0, ""),
        ("page_p95_ratio.ministry.report_consolidated", 1.9, "PASS"),
        ("export.projects.xlsx.peak_mb_ratio", 1.5, "MISS"),
        ("export.projects.xlsx.max_request_s", 4.0, "PASS"),
        ("export.projects.xlsx.seconds", 26.0, ""),
        ("load.errors", 0, "PASS"),
        ("load.errors", 1, "MISS"),
        ("load.rows_match", True, "PASS"),
        ("load.rows_match", False, "MISS"),
        ("load.requests", 900, ""),
    ],
)
def test_each_metric_is_judged_by_its_goal(metric, value, expected):
    assert stats.verdict(metric, value) == expected


def test_query_counts_pass_only_when_equal_at_both_scales():
    rows = stats.table_rows(
        {"queries.a": 7, "queries.a.small": 7, "queries.b": 7, "queries.b.small": 6}
    )
    assert [(r.metric, r.verdict) for r in rows] == [("queries.a", "PASS"), ("queries.b", "MISS")]


def test_table_shows_ratios_with_two_decimals_and_the_verdicts():
    table = stats.render_table(stats.table_rows({"growth.x": 1.23456, "load.requests": 10}))
    assert "1.23" in table and "1.2345" not in table
    assert "<= 1.30" in table and "PASS" in table
    assert "1 PASS, 0 MISS, 1 without a goal" in table


def test_results_document_is_metrics_plus_machine_database_and_date():
    document = stats.results_document(
        {"growth.x": 1.1, "load.errors": 0, "xlsx_export_ratio": None},
        machine={"nproc": 2, "memory_mb": 4096, "python": "3.11.7"},
        database={"vendor": "postgresql"},
        date="2026-01-01T00:00:00+07:00",
        duration_s=12.5,
    )
    decoded = json.loads(json.dumps(document))
    assert decoded["growth.x"] == 1.1 and decoded["xlsx_export_ratio"] is None
    assert {"machine", "database", "date"} <= decoded.keys()
    assert decoded["machine"]["nproc"] == 2


def test_results_document_refuses_a_metric_that_is_not_a_number():
    with pytest.raises(TypeError):
        stats.results_document({"growth.x": "fast"}, machine={}, database={}, date="")
    with pytest.raises(ValueError):
        stats.results_document({"date": 1}, machine={}, database={}, date="")


def test_every_page_of_the_bench_resolves_to_a_view():
    pages = page_urls(FACTS)
    # 11 per user, the notifications of both, the ministry's list and consolidated report
    assert len(pages) == 26
    assert pages["ministry.ministry_awaiting"] == ("ministry", "/ministry/projects/")
    assert pages["ministry.report_consolidated"] == (
        "ministry",
        "/reports/consolidated/?year=2023",
    )
    assert "centre.report_consolidated" not in pages
    assert pages["ministry.plan_big"] == ("ministry", "/plans/3/")
    assert pages["centre.projects_search"] == ("centre", "/projects/?q=nong")
    assert pages["ministry.projects_last_page"] == ("ministry", "/projects/?page=12")
    for _user, url in pages.values():
        resolve(url.split("?")[0])
    for url in EXPORTS.values():
        resolve(url.split("?")[0])
    reports = report_urls(FACTS)
    assert reports == {
        "consolidated.pdf": "/reports/consolidated/?year=2023&format=pdf",
        "project_list.pdf": "/reports/project_list/?year=2023&format=pdf",
    }
    for url in reports.values():
        assert resolve(url.split("?")[0]).url_name == "report"
    assert report_urls({"ministry": {}}) == {}


def test_a_page_without_its_fact_is_left_out():
    pages = page_urls({"ministry": {**FACTS["ministry"], "big_plan": None}, "centre": {}})
    assert "ministry.plan_big" not in pages
    assert "centre.dashboard" in pages and "centre.project_dossier" not in pages


def _urls_with(monkeypatch, bench_views: str | None):
    if bench_views is None:
        monkeypatch.delenv("BENCH_VIEWS", raising=False)
    else:
        monkeypatch.setenv("BENCH_VIEWS", bench_views)
    clear_url_caches()
    return importlib.reload(khuyencong.urls)


def test_the_ping_view_exists_only_with_bench_views(monkeypatch):
    try:
        with pytest.raises(Resolver404):
            resolve(PING, urlconf=_urls_with(monkeypatch, None))
        assert resolve(PING, urlconf=_urls_with(monkeypatch, "1")).url_name == "bench_ping"
    finally:  # back to the URLs of the environment the suite runs in
        monkeypatch.undo()
        clear_url_caches()
        importlib.reload(khuyencong.urls)


def test_form_parser_reads_back_what_a_browser_would_post():
    html = """
    <form method="post" action="/x/"><input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input name="name" value="Cơ sở &amp; Co"><input type="checkbox" name="flag">
      <input type="checkbox" name="women" checked><select name="kind">
      <option value="">---</option><option value="htx" selected>HTX</option></select>
      <select name="province"><option value="5">A</option><option value="6">B</option></select>
      <textarea name="products">
gạo</textarea><input name="lock_version" type="hidden" value="3">
      <input type="submit" name="save" value="Lưu"><input name="off" disabled value="1">
    </form><form method="post" action="/accounts/logout/"></form>"""
    form = main_form(html, "lock_version")
    assert form.fields == [
        ("csrfmiddlewaretoken", "t"),
        ("name", "Cơ sở & Co"),
        ("women", "on"),
        ("kind", "htx"),
        ("province", "5"),
        ("products", "gạo"),
        ("lock_version", "3"),
    ]
    assert form.first_option("kind") == "htx"
    assert dict(form.replaced(name="B", extra="1"))["extra"] == "1"
    assert len(parse_forms(html)) == 2


def test_generated_tax_codes_are_valid_and_distinct():
    codes = [tax_code(1732, client, n) for client in range(16) for n in range(1, 60)]
    valid = [code for code in codes if code is not None]
    assert len(valid) == len(set(valid)) > 0.85 * len(codes)
    for code in valid:
        assert parse_tax_code(code).value == code


def test_scales_name_their_own_databases():
    assert parse_scale("0,1") == Decimal("0.1")
    assert [scale_label(s) for s in ("0.01", "0.1", "1", "10")] == ["001", "01", "1", "10"]
    db = database_for_scale(Decimal("0.1"), "postgres://postgres@127.0.0.1:5432/kc_bench")
    assert db.url == "postgres://postgres@127.0.0.1:5432/kc_bench_bench_s01"
    assert database_for_scale(Decimal("1"), None).url.endswith(".bench/bench_s1.sqlite3")


def test_a_job_page_offers_its_file_through_a_download_link():
    html = '<a href="/projects/">Back</a> <a class="btn" href="/exports/12/download/">Tải về</a>'
    assert exports.download_links(html) == ["/exports/12/download/"]
    assert exports.download_links('<a href="/x/" download>file</a>') == ["/x/"]


class _ExportFlow(BaseHTTPRequestHandler):
    """A list that answers a big export with a job page, ready on the third look."""

    looks = 0

    def do_GET(self):
        if self.path.startswith("/projects/"):
            self._answer(302, b"", Location="/exports/7/")
        elif self.path == "/exports/7/":
            type(self).looks += 1
            link = b'<a href="/exports/7/download/">T\xe1\xba\xa3i v\xe1\xbb\x81</a>'
            body = link if self.looks >= 3 else b'<div class="progress">40%</div>'
            self._answer(200, b"<html>" + body + b"</html>", **{"Content-Type": "text/html"})
        elif self.path == "/exports/7/download/":
            self._answer(200, b"a,b\n1,2\n", **{"Content-Disposition": 'attachment; f="x.csv"'})
        else:
            self._answer(404, b"")

    def _answer(self, status, body, **headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_an_export_run_as_a_background_task_is_followed_to_its_file(monkeypatch, tmp_path):
    monkeypatch.setattr(exports, "POLL_INTERVAL", 0.01)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ExportFlow)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        session = Session(server.server_address[1], timeout=5)
        result = exports.fetch_export(session, "/projects/?format=csv", tmp_path / "f", limit_s=10)
    finally:
        server.shutdown()
        server.server_close()
    assert result.ok, result.problem
    assert result.mode == "background"
    assert (tmp_path / "f").read_bytes() == b"a,b\n1,2\n"
    assert len(result.requests) == 5  # the list, three looks at the job, the file


class _ReportFlow(_ExportFlow):
    """A report answered inline as a PDF (Content-Disposition: inline with its file name)."""

    def do_GET(self):
        if self.path.startswith("/reports/"):
            self._answer(
                200,
                b"%PDF-1.7 ...",
                **{
                    "Content-Type": "application/pdf",
                    "Content-Disposition": 'inline; filename="bao-cao.pdf"',
                },
            )
        else:
            self._answer(404, b"")


def test_an_inline_pdf_report_counts_as_the_file(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ReportFlow)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        session = Session(server.server_address[1], timeout=5)
        result = exports.fetch_export(
            session, "/reports/consolidated/?year=2023&format=pdf", tmp_path / "r.pdf", limit_s=10
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.ok and result.mode == "inline"
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
