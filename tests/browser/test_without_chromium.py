"""Without Chromium the browser tests are skipped with how to enable them, unless CI requires
them (REQUIRE_BROWSER=1), where a missing browser fails the run."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ONE_BROWSER_TEST = "tests/browser/test_login_journey.py::test_user_logs_out_from_the_menu"


def _pytest_without_chromium(**env):
    full_env = {k: v for k, v in os.environ.items() if k != "REQUIRE_BROWSER"}
    full_env |= {"CHROMIUM_PATH": "/nonexistent/chromium", **env}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", ONE_BROWSER_TEST],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_missing_chromium_skips_the_browser_tests_and_says_how_to_enable_them():
    result = _pytest_without_chromium()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "apt-get install -y chromium" in result.stdout


def test_missing_chromium_fails_when_the_browser_is_required():
    result = _pytest_without_chromium(REQUIRE_BROWSER="1")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "REQUIRE_BROWSER=1 but no Chromium at /nonexistent/chromium" in result.stdout
