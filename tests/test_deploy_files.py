import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _compose(*args) -> subprocess.CompletedProcess:
    """Debian's docker-compose validates the file without a Docker engine. A developer's machine
    without it skips; CI (REQUIRE_COMPOSE=1, exported by .ci/run) fails instead, so a broken
    production file never passes unseen."""
    if not shutil.which("docker-compose"):
        if os.environ.get("REQUIRE_COMPOSE") == "1":
            pytest.fail("REQUIRE_COMPOSE=1 but docker-compose is not installed")
        pytest.skip("no docker-compose client here (apt-get install -y docker-compose)")
    return subprocess.run(
        ["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config", *args],
        env={**os.environ, "SECRET_KEY": "x" * 50},
        capture_output=True,
        text=True,
    )


def test_docker_compose_file_is_valid():
    result = _compose("--quiet")
    assert result.returncode == 0, result.stderr


def test_the_database_files_and_backups_live_in_named_volumes():
    result = _compose("--volumes")
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) >= {"pgdata", "media", "backups"}
    config = _compose().stdout
    assert "/var/lib/postgresql/data" in config
    assert "/data/media" in config and "/data/backups" in config


def test_pg_dump_in_the_image_matches_the_database_major_version():
    """pg_dump refuses a server newer than itself: the web image's client (Debian bookworm:
    PostgreSQL 15) and the db image must agree."""
    compose = (ROOT / "docker-compose.yml").read_text()
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "image: postgres:15" in compose
    assert "bookworm" in dockerfile and "postgresql-client" in dockerfile


def test_compose_runs_web_worker_and_postgresql():
    text = (ROOT / "docker-compose.yml").read_text()
    for piece in ("db:", "web:", "worker:", "image: postgres:", "db_worker", "gunicorn", "migrate"):
        assert piece in text


def test_every_dependency_is_pinned_in_the_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["dev"]
    locked = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if "==" in line
    }
    for requirement in declared:
        name = requirement.split("[")[0].split(">")[0].split("<")[0].split("=")[0].strip()
        assert name.lower().replace("_", "-") in locked, f"{name} is not in requirements.lock"


def test_gunicorn_timeout_and_workers_are_set_explicitly_for_web():
    from khuyencong import gunicorn

    assert gunicorn.timeout == 60
    assert gunicorn.workers >= 3
    assert gunicorn.max_requests > 0
    for name in ("Dockerfile", "docker-compose.yml"):
        assert "-c python:khuyencong.gunicorn" in (ROOT / name).read_text().replace('", "', " ")


def test_gunicorn_accepts_the_config():
    """The config module is importable by gunicorn itself (`--check-config`)."""
    result = subprocess.run(
        [
            str(Path(os.sys.executable).with_name("gunicorn")),
            "khuyencong.wsgi:application",
            "-c",
            "python:khuyencong.gunicorn",
            "--check-config",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "khuyencong.settings"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
