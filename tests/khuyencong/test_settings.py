import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from khuyencong.env import env_bool, env_int, env_list, env_str

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
    "ALLOWED_HOSTS": "khuyencong.example.vn",
}


# Variables of the test process that a production server would not have.
TEST_ONLY_VARIABLES = ("DATABASE_URL", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")


def _manage(*args, env):
    full_env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args], env=full_env, capture_output=True, text=True
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    for secret in (None, "", "too-short"):
        result = _manage("check", env=env if secret is None else env | {"SECRET_KEY": secret})
        assert result.returncode != 0
        assert "SECRET_KEY" in result.stderr


def test_env_bool_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("KC_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="KC_FLAG"):
        env_bool("KC_FLAG", False)


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("0", False)])
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("KC_FLAG", raw)
    assert env_bool("KC_FLAG", not expected) is expected


def test_env_int_names_the_variable_on_error(monkeypatch):
    monkeypatch.setenv("KC_NUM", "abc")
    with pytest.raises(ImproperlyConfigured, match="KC_NUM"):
        env_int("KC_NUM", 1)


def test_env_list_and_required_str(monkeypatch):
    monkeypatch.setenv("KC_LIST", "a.vn, b.vn,,")
    assert env_list("KC_LIST", []) == ["a.vn", "b.vn"]
    monkeypatch.delenv("KC_MISSING", raising=False)
    with pytest.raises(ImproperlyConfigured, match="KC_MISSING"):
        env_str("KC_MISSING")


def test_database_url_switches_to_postgresql(monkeypatch):
    import dj_database_url

    config = dj_database_url.parse("postgres://postgres@127.0.0.1:5432/khuyencong")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "khuyencong"
