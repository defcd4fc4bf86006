"""SQLite (the database of `make run`) takes several people saving at once: WAL, immediate
transactions and a busy timeout. Without them 11 of 12 simultaneous registrations answered
"database is locked"."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "sqlite_concurrency.py"


def _database_options(url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"DATABASE_URL": url}
    code = (
        "import json; from khuyencong import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sqlite_is_configured_for_concurrent_use_and_postgresql_left_alone(tmp_path):
    options = _database_options(f"sqlite:///{tmp_path / 'portal.sqlite3'}")
    assert "PRAGMA journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 20
    assert _database_options("postgres://postgres@127.0.0.1:5432/kc") == {}


def test_twelve_simultaneous_registrations_on_a_sqlite_file_all_succeed(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "12"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"created": 12, "errors": []}
