"""`make bench`: build the datasets, serve them with gunicorn, measure, print a table and write
bench-results.json.

    .venv/bin/python -m tests.bench.run [--quick] [--scale 1] [--seed 7] [--out bench-results.json]

PostgreSQL when DATABASE_URL is set, SQLite under .bench/ otherwise. Two scales: BENCH_SCALE
(default 1) and a tenth of it (--quick: 0,1 and 0,01). Environment: BENCH_SCALE, BENCH_SEED,
BENCH_LOAD_SECONDS (default 60), BENCH_REQUESTS (requests per client and page, default 5).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from tests.bench import stats
from tests.bench.client import Session
from tests.bench.datasets import (
    BENCH_DIR,
    ROOT,
    build_dataset,
    database_for_scale,
    helper,
    parse_scale,
    scale_label,
)
from tests.bench.exports import fetch_export, openpyxl_write_seconds
from tests.bench.load import LoadPlan, Sample, run_load, timed_requests
from tests.bench.pages import EXPORTS, PING, report_urls
from tests.bench.server import PeakMemory, Server

CLIENTS = 8
LOAD_CLIENTS = 16


def parse_args(argv=None):
    env = os.environ
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: scales 0,1 and 0,01")
    parser.add_argument("--scale", default=env.get("BENCH_SCALE", "1"))
    parser.add_argument("--seed", type=int, default=int(env.get("BENCH_SEED", "7")))
    parser.add_argument("--load-seconds", type=float, default=None)
    parser.add_argument("--requests", type=int, default=None, help="per client and page")
    parser.add_argument("--out", default=str(ROOT / "bench-results.json"))
    args = parser.parse_args(argv)
    args.scale = Decimal("0.1") if args.quick else parse_scale(args.scale)
    if args.load_seconds is None:
        args.load_seconds = float(env.get("BENCH_LOAD_SECONDS", "15" if args.quick else "60"))
    if args.requests is None:
        args.requests = int(env.get("BENCH_REQUESTS", "3" if args.quick else "5"))
    return args


def say(text: str) -> None:
    print(text, flush=True)


# --- Datasets, servers, measurements -------------------------------------------------------------


def prepare_scale(scale: Decimal, args, base_url: str | None) -> dict:
    """The dataset of one scale and what was found in it (users, ids, query counts)."""
    db = database_for_scale(scale, base_url)
    say(f"\n== scale {scale} · {db.label}")
    generator = build_dataset(scale, args.seed, db)
    facts = json.loads(helper(db, "facts"))
    (BENCH_DIR / f"facts-s{scale_label(scale)}.json").write_text(
        json.dumps(facts, ensure_ascii=False, indent=1)
    )
    say(
        f"  ministry {facts['ministry']['username']} ({facts['ministry']['projects']} đề án), "
        f"centre {facts['centre']['username']} ({facts['centre']['projects']} đề án)"
    )
    return {"scale": scale, "db": db, "generator": generator, "facts": facts}


def login_cookies(server: Server, facts: dict) -> dict[str, dict]:
    cookies = {}
    for key in ("ministry", "centre"):
        session = Session(server.port)
        session.login(facts[key]["username"], facts["password"])
        cookies[key] = dict(session.cookies)
        session.close()
    return cookies


def measure(small: dict, big: dict, args) -> None:
    """Both scales served at once, measured alternately page by page, so that a machine that
    gets busier or quieter during the run moves both sides of every ratio alike."""
    sides = (small, big)
    with (
        Server(small["db"], f"s{scale_label(small['scale'])}") as s1,
        Server(big["db"], f"s{scale_label(big['scale'])}") as s2,
    ):
        for side, server in zip(sides, (s1, s2), strict=True):
            side["server"] = server
            side["cookies"] = login_cookies(server, side["facts"])
            side["pages"] = {}
            say(f"  scale {side['scale']}: gunicorn on 127.0.0.1:{server.port}")
        say("\n== pages (8 clients; small scale | large scale)")
        measure_pages(sides, args.requests)
        for side in sides:
            say(f"\n== exports, scale {side['scale']}")
            side["exports"] = measure_exports(
                side["server"], side["cookies"]["ministry"], side["scale"]
            )
        say(f"\n== reports, scale {big['scale']}")
        big["reports"] = measure_reports(big, args.requests)
        say(f"\n== load, scale {big['scale']}")
        big["load"] = measure_load(big["server"], big["facts"], args.load_seconds)


def _time_page(side: dict, name: str, user: str, url: str, per_client: int) -> Sample:
    sample = timed_requests(
        side["server"].port, side["cookies"][user], url, clients=CLIENTS, per_client=per_client
    )
    side["pages"].setdefault(name, Sample()).extend(sample)
    return sample


def _ms(sample: Sample | None) -> str:
    if sample is None or sample.p95 is None:
        return "     n/a"
    return f"{sample.p95 * 1000:5.0f} ms" + (f" {sample.problem()}" if sample.problem() else "")


def measure_pages(sides, per_client: int) -> None:
    """The ping view before and after the pages (pooled), each page in between, each on both
    scales one after the other."""
    names = list(dict.fromkeys(n for side in sides for n in side["facts"]["pages"]))
    results = [_time_page(side, "ping", "ministry", PING, per_client * 2) for side in sides]
    say(f"  {'ping':<36} p95 {_ms(results[0])} | {_ms(results[1])}")
    for name in names:
        results = []
        for side in sides:
            page = side["facts"]["pages"].get(name)
            results.append(_time_page(side, name, page[0], page[1], per_client) if page else None)
        say(f"  {name:<36} p95 {_ms(results[0])} | {_ms(results[1])}")
    results = [_time_page(side, "ping", "ministry", PING, per_client * 2) for side in sides]
    say(f"  {'ping (again)':<36} p95 {_ms(results[0])} | {_ms(results[1])}")


def measure_exports(server: Server, cookies: dict, scale: Decimal) -> dict:
    folder = BENCH_DIR / "exports" / f"s{scale_label(scale)}"
    folder.mkdir(parents=True, exist_ok=True)
    results = {}
    for name, url in EXPORTS.items():
        session = Session(server.port, timeout=600, cookies=dict(cookies))
        target = folder / name
        with PeakMemory(lambda: server.worker_pids() + server.task_worker_pids()) as memory:
            result = fetch_export(session, url, target)
        session.close()
        results[name] = {"result": result, "peak_mb": memory.peak_mb, "growth_mb": memory.growth_mb}
        state = "ok" if result.ok else f"FAILED ({result.problem})"
        say(
            f"  export {name:<20} {result.seconds:7.2f} s  peak {memory.peak_mb or 0:6.0f} MB "
            f"(+{memory.growth_mb or 0:.0f})  {result.size / 1e6:6.1f} MB  {result.mode}  {state}"
        )
    xlsx = results["projects.xlsx"]["result"]
    if xlsx.ok:
        seconds, rows, columns = openpyxl_write_seconds(xlsx.path, folder / "openpyxl.xlsx")
        results["openpyxl"] = {"seconds": seconds, "rows": rows, "columns": columns}
        say(f"  openpyxl write-only, same {rows} rows × {columns} columns: {seconds:.2f} s")
    return results


def _fetch_file(server: Server, cookies: dict, url: str, target: Path):
    session = Session(server.port, timeout=900, cookies=dict(cookies))
    with PeakMemory(lambda: server.worker_pids() + server.task_worker_pids()) as memory:
        result = fetch_export(session, url, target, limit_s=1800)
    session.close()
    return result, memory


def measure_reports(side: dict, runs: int) -> dict:
    """The consolidated PDF end to end (median of `runs` after a warm-up) against WeasyPrint
    alone on the same HTML; the national annex (project_list PDF of every province) through the
    background path, then asked again (the finished file is reused). Time and peak memory of
    the serving processes (gunicorn workers and the task worker) for each."""
    server, cookies = side["server"], side["cookies"]["ministry"]
    urls = report_urls(side["facts"])
    if not urls:
        return {}
    folder = BENCH_DIR / "reports" / f"s{scale_label(side['scale'])}"
    folder.mkdir(parents=True, exist_ok=True)
    helper(server.db, "forget-reports")  # a file left by an earlier run must not be reused
    results: dict = {}
    url = urls["consolidated.pdf"]
    _fetch_file(server, cookies, url, folder / "consolidated.pdf")  # warm-up
    timings, peak = [], 0.0
    last = None
    for _ in range(max(1, runs)):
        last, memory = _fetch_file(server, cookies, url, folder / "consolidated.pdf")
        if last.ok:
            timings.append(last.seconds)
        peak = max(peak, memory.peak_mb or 0)
    alone = json.loads(
        helper(
            server.db, "weasyprint-alone", "consolidated", str(side["facts"]["ministry"]["year"])
        )
    )
    results["consolidated.pdf"] = {
        "seconds": stats.median(timings) if timings else None,
        "peak_mb": peak or None,
        "weasyprint_s": alone["seconds"],
        "problem": "" if timings else (last.problem if last else "no request"),
    }
    say(
        f"  consolidated.pdf  {results['consolidated.pdf']['seconds'] or 0:7.2f} s end to end, "
        f"WeasyPrint alone {alone['seconds']:.2f} s, peak {peak:6.0f} MB"
    )
    url = urls["project_list.pdf"]
    first, memory = _fetch_file(server, cookies, url, folder / "project_list.pdf")
    again, _memory = _fetch_file(server, cookies, url, folder / "project_list-again.pdf")
    results["project_list.pdf"] = {
        "seconds": first.seconds if first.ok else None,
        "peak_mb": memory.peak_mb,
        "mode": first.mode,
        "size": first.size,
        "reuse_s": again.seconds if again.ok else None,
        "problem": first.problem,
    }
    say(
        f"  project_list.pdf  {first.seconds:7.2f} s ({first.mode}), peak "
        f"{memory.peak_mb or 0:6.0f} MB, {first.size / 1e6:.1f} MB; asked again: "
        f"{again.seconds:.2f} s  {'ok' if first.ok else 'FAILED ' + first.problem}"
    )
    return results


def measure_load(server: Server, facts: dict, seconds: float) -> dict:
    run_id = int(time.time())
    prefix = f"Cơ sở thử tải {run_id}"
    before = json.loads(helper(server.db, "count-created", prefix))
    plan = LoadPlan(
        port=server.port,
        seconds=seconds,
        clients=LOAD_CLIENTS,
        password=facts["password"],
        ministry=facts["ministry"],
        centre=facts["centre"],
        targets=facts["load"],
        name_prefix=prefix,
        code_prefix=run_id,
    )
    say(f"  load: {LOAD_CLIENTS} clients for {seconds:.0f} s ...")
    result = run_load(plan)
    after = json.loads(helper(server.db, "count-created", prefix))
    rows = after["marked"] - before["marked"]
    say(
        f"  load: {result.requests} requests, {result.errors} errors, {result.unexpected} "
        f"unexpected, {result.conflicts} conflicts, {result.created} created / {rows} rows"
    )
    for name, latencies in sorted(result.by_operation.items()):
        say(
            f"    {name:<20} {result.operations[name]:5} times, {len(latencies):5} requests, "
            f"p95 {stats.percentile(latencies, 95) * 1000:6.0f} ms"
        )
    for sample in result.error_samples + result.unexpected_samples:
        say(f"    {sample}")
    return {
        "stats": result,
        "rows_created": rows,
        "total_delta": after["total"] - before["total"],
        "seconds": seconds,
    }


# --- Figures --------------------------------------------------------------------------------------


def compute_metrics(small: dict, big: dict) -> tuple[dict, dict]:
    metrics: dict = {}
    notes: dict[str, str] = {}
    big_pages, small_pages = big["pages"], small["pages"]
    ping_p95 = big_pages["ping"].p95
    names = [n for n in big_pages if n != "ping"]
    for name in names:
        sample = big_pages[name]
        metric = f"page_p95_ratio.{name}"
        metrics[metric] = stats.ratio(sample.p95, ping_p95) if sample.ok else None
        notes[metric] = f"p95 {sample.p95 * 1000:.0f} ms" if sample.ok else sample.problem()
    metrics["ping.p95_ms"] = ping_p95 * 1000 if ping_p95 is not None else None
    big_q, small_q = big["facts"]["queries"], small["facts"]["queries"]
    for name in big_q:
        metrics[f"queries.{name}"] = big_q[name]["queries"]
        metrics[f"queries.{name}.small"] = (small_q.get(name) or {}).get("queries")
        notes[f"queries.{name}"] = f"small scale: {metrics[f'queries.{name}.small']}"
        if big_q[name]["status"] != 200:
            notes[f"queries.{name}"] += f", status {big_q[name]['status']}"
    for name in [*names, "ping"]:
        b, s = big_pages[name], small_pages.get(name)
        metric = f"growth.{name}"
        ok = b.ok and s is not None and s.ok
        metrics[metric] = stats.ratio(b.median, s.median) if ok else None
        if ok:
            notes[metric] = f"median {s.median * 1000:.0f} → {b.median * 1000:.0f} ms"
    for name in EXPORTS:
        b, s = big["exports"][name], small["exports"][name]
        result = b["result"]
        base = f"export.{name}"
        metrics[f"{base}.seconds"] = result.seconds
        metrics[f"{base}.peak_mb"] = b["peak_mb"]
        metrics[f"{base}.peak_mb_ratio"] = stats.ratio(b["peak_mb"], s["peak_mb"])
        metrics[f"{base}.max_request_s"] = result.max_request_s if result.ok else None
        done = f"{result.mode}, {result.size / 1e6:.1f} MB"
        notes[f"{base}.seconds"] = done if result.ok else f"FAILED: {result.problem}"
        notes[f"{base}.peak_mb_ratio"] = f"small scale {s['peak_mb'] or 0:.0f} MB"
    openpyxl = big["exports"].get("openpyxl")
    xlsx = big["exports"]["projects.xlsx"]["result"]
    metrics["xlsx_export_ratio"] = (
        stats.ratio(xlsx.seconds, openpyxl["seconds"]) if openpyxl and xlsx.ok else None
    )
    if openpyxl:
        notes["xlsx_export_ratio"] = (
            f"openpyxl {openpyxl['seconds']:.2f} s for {openpyxl['rows']} × {openpyxl['columns']}"
        )
    reports = big.get("reports") or {}
    consolidated = reports.get("consolidated.pdf")
    if consolidated:
        metrics["pdf_overhead.consolidated"] = stats.ratio(
            consolidated["seconds"], consolidated["weasyprint_s"]
        )
        notes["pdf_overhead.consolidated"] = (
            f"WeasyPrint alone {consolidated['weasyprint_s']:.2f} s"
            if consolidated["seconds"] is not None
            else f"FAILED: {consolidated['problem']}"
        )
        metrics["report.consolidated.pdf.seconds"] = consolidated["seconds"]
        metrics["report.consolidated.pdf.peak_mb"] = consolidated["peak_mb"]
    annex = reports.get("project_list.pdf")
    if annex:
        metrics["report.project_list.pdf.seconds"] = annex["seconds"]
        metrics["report.project_list.pdf.peak_mb"] = annex["peak_mb"]
        metrics["report.project_list.pdf.reuse_s"] = annex["reuse_s"]
        notes["report.project_list.pdf.seconds"] = (
            f"{annex['mode']}, {annex['size'] / 1e6:.1f} MB"
            if annex["seconds"] is not None
            else f"FAILED: {annex['problem']}"
        )
    load = big.get("load")
    if load:
        s = load["stats"]
        metrics["load.requests"] = s.requests
        metrics["load.requests_per_s"] = s.requests / load["seconds"]
        metrics["load.p95_s"] = stats.percentile(s.latencies, 95) if s.latencies else None
        metrics["load.errors"] = s.errors
        metrics["load.unexpected"] = s.unexpected
        metrics["load.conflicts"] = s.conflicts
        metrics["load.created"] = s.created
        metrics["load.rows_created"] = load["rows_created"]
        metrics["load.rows_match"] = (
            load["rows_created"] == s.created and load["total_delta"] == s.created
        )
        notes["load.errors"] = "; ".join(s.error_samples[:2])[:120]
        notes["load.unexpected"] = "; ".join(s.unexpected_samples[:2])[:120]
        notes["load.rows_match"] = f"new rows in the table: {load['total_delta']}"
    imported = big.get("import")
    if imported:
        metrics["import_ratio"] = imported["ratio"]
        metrics["import.rows_per_s"] = imported["rows"] / imported["import_seconds"]
        notes["import_ratio"] = (
            f"{imported['rows']} rows: import {imported['import_seconds']:.2f} s, "
            f"bulk_create {imported['bulk_seconds']:.2f} s"
        )
    return metrics, notes


IMPORT_ROWS = 10_000


def measure_import(big: dict) -> None:
    """The establishment import of a 10.000-row file ÷ a plain bulk_create of the same rows, on
    the big scale's database (tests/bench/import_bench.py rolls its writes back)."""
    say(f"\n== import, {IMPORT_ROWS} establishment rows")
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.import_bench", "--rows", str(IMPORT_ROWS)],
        env=big["db"].env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        say(f"  import bench failed: {done.stderr.strip()[-300:]}")
        return
    big["import"] = json.loads(done.stdout[done.stdout.index("{") :])
    say(f"  ratio {big['import']['ratio']}")


def machine() -> dict:
    memory_mb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_mb = int(line.split()[1]) // 1024
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "memory_mb": memory_mb,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    base_url = os.environ.get("DATABASE_URL") or None
    if base_url:
        say("Database: PostgreSQL (from DATABASE_URL), one database per scale beside it.")
    else:
        say(
            "Database: SQLite under .bench/ (DATABASE_URL is not set). The goals are set "
            "for PostgreSQL: set DATABASE_URL=postgres://... to measure those."
        )
    BENCH_DIR.mkdir(exist_ok=True)
    big_scale = args.scale
    small_scale = (big_scale / 10).normalize()
    small = prepare_scale(small_scale, args, base_url)
    big = prepare_scale(big_scale, args, base_url)
    measure(small, big, args)
    measure_import(big)
    metrics, notes = compute_metrics(small, big)
    duration = time.monotonic() - started
    generator = big["generator"]
    document = stats.results_document(
        metrics,
        machine=machine(),
        database={
            "vendor": "postgresql" if base_url else "sqlite",
            "databases": [small["db"].label, big["db"].label],
            "scales": [float(small_scale), float(big_scale)],
            "seed": args.seed,
            "generator": generator,
        },
        date=datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        duration_s=round(duration, 1),
    )
    Path(args.out).write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    say("")
    say(stats.render_table(stats.table_rows(metrics, notes)))
    say(
        f"\nscales {small_scale} and {big_scale}, seed {args.seed}, {generator}; "
        f"{duration / 60:.1f} min; written to {args.out}"
    )
    if generator != "generate_dataset":
        say("WARNING: measured on seed_demo data, not a synthetic country (see above).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
