"""One database per scale and the synthetic country in it.

PostgreSQL when DATABASE_URL is set (databases `<name>_bench_s01`, `<name>_bench_s1`... created
beside the one named in the URL), SQLite files under .bench/ otherwise. A dataset already built
with the same scale, seed and generator is reused: a marker row in the table `bench_dataset` of
that database says so. Anything else (no marker, another seed, an interrupted build) starts again
from an empty database.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / ".bench"
PYTHON = sys.executable


def scale_label(scale: Decimal | str | float) -> str:
    """ "0.1" → "01", "0.01" → "001", "1" → "1", "10" → "10": a name-safe label."""
    text = format(Decimal(str(scale)).normalize(), "f")
    return text.replace(".", "")


def parse_scale(text: str) -> Decimal:
    """Scales as written in Vietnamese ("0,1") or in English ("0.1")."""
    value = Decimal(text.strip().replace(",", "."))
    if value <= 0:
        raise ValueError(f"scale must be positive, not {text}")
    return value.normalize()


@dataclass(frozen=True)
class BenchDatabase:
    url: str
    vendor: str  # "postgresql" | "sqlite"
    label: str  # for messages

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a manage.py / gunicorn process pointed at this database."""
        env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "BENCH_VIEWS")}
        env.update(DATABASE_URL=self.url, PYTHONUNBUFFERED="1")
        env.update(extra)
        return env


def database_for_scale(scale: Decimal, base_url: str | None) -> BenchDatabase:
    suffix = f"bench_s{scale_label(scale)}"
    if not base_url:
        path = BENCH_DIR / f"{suffix}.sqlite3"
        return BenchDatabase(f"sqlite:///{path}", "sqlite", str(path.relative_to(ROOT)))
    parts = urlsplit(base_url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit(f"make bench supports PostgreSQL or SQLite, not {parts.scheme}")
    base_name = parts.path.lstrip("/") or "khuyencong"
    name = f"{base_name}_{suffix}"
    url = urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))
    return BenchDatabase(url, "postgresql", name)


def _pg_admin(db: BenchDatabase):
    import psycopg

    parts = urlsplit(db.url)
    admin_url = urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, ""))
    return psycopg.connect(admin_url.replace("postgres://", "postgresql://", 1), autocommit=True)


def recreate_database(db: BenchDatabase) -> None:
    """An empty database (the bench's own: never the one named in DATABASE_URL)."""
    if db.vendor == "sqlite":
        path = Path(urlsplit(db.url).path)
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    from psycopg import sql

    name = urlsplit(db.url).path.lstrip("/")
    assert "_bench_s" in name, name
    with _pg_admin(db) as conn:
        ident = sql.Identifier(name)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(ident))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(ident))


def database_exists(db: BenchDatabase) -> bool:
    if db.vendor == "sqlite":
        return Path(urlsplit(db.url).path).exists()
    name = urlsplit(db.url).path.lstrip("/")
    with _pg_admin(db) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()


def manage(db: BenchDatabase, *args: str, quiet: bool = False) -> str:
    """Run manage.py against the bench database (development settings: seed_demo creates its
    users only with DEBUG on); raises with its output when it fails."""
    env = db.env(DEBUG="1")
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(
            f"manage.py {' '.join(args)} failed on {db.label}:\n{result.stdout}\n{result.stderr}"
        )
    if not quiet and result.stdout.strip():
        print(_indent(result.stdout))
    return result.stdout


def helper(db: BenchDatabase, *args: str, **extra_env: str) -> str:
    """Run tests/bench/inprocess.py (Django set up on the bench database); returns its stdout."""
    result = subprocess.run(
        [PYTHON, "-m", "tests.bench.inprocess", *args],
        cwd=ROOT,
        env=db.env(BENCH_VIEWS="1", **extra_env),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"tests.bench.inprocess {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def has_command(db: BenchDatabase, name: str) -> bool:
    return name in manage(db, "help", "--commands", quiet=True).split()


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.strip().splitlines())


def _loud(message: str) -> None:
    bar = "!" * 78
    print(f"\n{bar}\n{message}\n{bar}\n", flush=True)


def build_dataset(scale: Decimal, seed: int, db: BenchDatabase) -> str:
    """Make sure `db` holds the synthetic country of this scale and seed; returns the generator
    used ("generate_dataset", or "seed_demo" when that command does not exist yet).

    Reuses a matching dataset; otherwise empties the database, migrates, generates, and writes
    the marker last, so an interrupted build is never taken for a finished one."""
    generator = "generate_dataset" if has_command(db, "generate_dataset") else "seed_demo"
    if database_exists(db):
        manage(db, "migrate", "--noinput", quiet=True)  # new migrations since the last run
        if helper(db, "marker-get").strip() == _marker(scale, seed, generator):
            print(f"  {db.label}: reusing the dataset (scale {scale}, seed {seed}, {generator})")
            return generator
    print(f"  {db.label}: building the dataset (scale {scale}, seed {seed})...", flush=True)
    started = time.monotonic()
    recreate_database(db)
    manage(db, "migrate", "--noinput", quiet=True)
    if generator == "generate_dataset":
        manage(db, "generate_dataset", "--scale", str(scale), "--seed", str(seed))
    else:
        _loud(
            "WARNING: `manage.py generate_dataset` does not exist yet. The bench falls back to\n"
            "`seed_demo` (a few demo đề án, the same at every scale): the figures below say\n"
            "nothing about national scale, and growth.* compares two identical datasets."
        )
        manage(db, "seed_demo")
    helper(db, "marker-set", _marker(scale, seed, generator))
    print(f"  {db.label}: built in {time.monotonic() - started:.0f} s", flush=True)
    return generator


def _marker(scale: Decimal, seed: int, generator: str) -> str:
    return f"scale={scale} seed={seed} generator={generator}"
