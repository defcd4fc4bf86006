"""gunicorn (and the background-task worker) on 127.0.0.1 with production settings, for one scale.

Production-like: DEBUG=0, persistent connections, whitenoise with the manifest storage (static
files collected once into .bench/static), the database task queue served by `db_worker`. Only
the parts that need a TLS proxy are off (SECURE_SSL_REDIRECT=0, no HSTS): the bench speaks plain
HTTP to 127.0.0.1. The ping view (/_bench/ping/) exists because BENCH_VIEWS=1.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench.client import LOCALHOST, BenchHTTPError, Session, free_port
from tests.bench.datasets import BENCH_DIR, PYTHON, ROOT, BenchDatabase

WORKERS = 2
STATIC_ROOT = BENCH_DIR / "static"
LOG_DIR = BENCH_DIR / "logs"


def production_env(db: BenchDatabase) -> dict[str, str]:
    return db.env(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS=f"{LOCALHOST},localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(STATIC_ROOT),
        MEDIA_ROOT=str(BENCH_DIR / "media"),
        BENCH_VIEWS="1",
        # The bench signs in with passwords only (its clients have no authenticator app).
        TWO_FACTOR_REQUIRED="0",
        LOG_LEVEL="WARNING",
    )


def collect_static(db: BenchDatabase) -> None:
    """Once, and again only when a file under static/ is newer than the manifest."""
    manifest = STATIC_ROOT / "staticfiles.json"
    if manifest.exists():
        built = manifest.stat().st_mtime
        newest = max(
            (p.stat().st_mtime for p in (ROOT / "static").rglob("*") if p.is_file()), default=0
        )
        if newest < built:
            return
    print("  collecting static files into .bench/static ...", flush=True)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=production_env(db),
        check=True,
    )


def dockerfile_timeout() -> str | None:
    """The worker timeout the Dockerfile gives gunicorn, so the bench fails where production
    would (gunicorn's default is 30 s)."""
    dockerfile = ROOT / "Dockerfile"
    if not dockerfile.exists():
        return None
    match = re.search(r'"--timeout",\s*"(\d+)"|--timeout[ =](\d+)', dockerfile.read_text())
    return (match.group(1) or match.group(2)) if match else None


@dataclass
class Server:
    db: BenchDatabase
    name: str = "bench"  # names its log files under .bench/logs
    port: int = 0
    processes: list[subprocess.Popen] = field(default_factory=list)
    _logs: list = field(default_factory=list)

    def start(self) -> Server:
        collect_static(self.db)
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        for old in LOG_DIR.glob(f"{self.name}-*"):
            old.unlink()
        self.port = free_port()
        env = production_env(self.db)
        args = [
            PYTHON, "-m", "gunicorn", "khuyencong.wsgi:application",
            "--bind", f"{LOCALHOST}:{self.port}",
            "--workers", str(WORKERS),
            "--error-logfile", str(LOG_DIR / f"{self.name}-gunicorn.log"),
            "--access-logfile", str(LOG_DIR / f"{self.name}-access.log"),
            "--no-control-socket",  # gunicorn 24+: else every instance shares ~/.gunicorn/
        ]  # fmt: skip
        timeout = dockerfile_timeout()
        if timeout:
            args += ["--timeout", timeout]
        self._spawn(args, env, f"{self.name}-gunicorn")
        self._spawn(
            [PYTHON, "manage.py", "db_worker", "--no-reload", "--interval", "0.5"],
            env,
            f"{self.name}-db_worker",
        )
        self._wait_ready()
        return self

    def _spawn(self, args, env, name):
        log = open(LOG_DIR / f"{name}.out", "wb")  # noqa: SIM115 (closed in stop())
        self._logs.append(log)
        self.processes.append(
            subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        )

    def _wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        session = Session(self.port, timeout=5)
        while time.monotonic() < deadline:
            if self.processes[0].poll() is not None:
                break
            try:
                if session.get("/accounts/login/").status == 200:
                    return
            except BenchHTTPError:
                pass
            time.sleep(0.3)
        self.stop()
        logs = [LOG_DIR / f"{self.name}-gunicorn.{ext}" for ext in ("log", "out")]
        log = "".join(p.read_text(errors="replace")[-2000:] for p in logs if p.exists())
        raise SystemExit(f"gunicorn did not start on port {self.port}:\n{log}")

    @property
    def master_pid(self) -> int:
        return self.processes[0].pid

    def worker_pids(self) -> list[int]:
        return children(self.master_pid)

    def task_worker_pids(self) -> list[int]:
        return [p.pid for p in self.processes[1:] if p.poll() is None]

    def stop(self) -> None:
        """TERM then, after 20 s, KILL: only the processes this object started."""
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        self.processes.clear()
        for log in self._logs:
            log.close()
        self._logs.clear()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# --- Memory of the processes that serve a request ------------------------------------------------


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            continue
    if found:
        return found
    for stat in Path("/proc").glob("[0-9]*/stat"):  # kernels without task/*/children
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB, from /proc/<pid>/status (VmRSS)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class PeakMemory:
    """Polls the resident memory of some processes (every 50 ms) while a block runs: the peak
    of the largest one and its growth over what it used before the block."""

    def __init__(self, pids_source, interval: float = 0.05):
        self._pids_source = pids_source
        self._interval = interval
        self._stop = threading.Event()
        self.before: dict[int, float] = {}
        self.peak: dict[int, float] = {}

    def _sample(self):
        for pid in self._pids_source():
            value = rss_mb(pid)
            if value is not None:
                self.before.setdefault(pid, value)
                self.peak[pid] = max(self.peak.get(pid, 0.0), value)

    def _run(self):
        while not self._stop.wait(self._interval):
            self._sample()

    def __enter__(self) -> PeakMemory:
        self._sample()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)
        self._sample()

    @property
    def peak_mb(self) -> float | None:
        return max(self.peak.values(), default=None)

    @property
    def growth_mb(self) -> float | None:
        growths = [self.peak[p] - self.before.get(p, self.peak[p]) for p in self.peak]
        return max(growths, default=None)


def cpu_count() -> int:
    return os.cpu_count() or 1
