"""Real Chromium (Debian's package) driven by Playwright against Django's live server.

The browser is found at $CHROMIUM_PATH (default /usr/bin/chromium). Without it the browser tests
are skipped, so `make test` passes on a fresh machine; REQUIRE_BROWSER=1 (set by .ci/run) turns a
missing browser into a failure, so CI never skips them silently.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER", "") not in ("", "0")
MISSING = (
    f"browser tests skipped: no Chromium at {CHROMIUM}; "
    "enable them with `apt-get install -y chromium` (or set CHROMIUM_PATH)"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; Django must not refuse ORM calls for it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # One summary line for all the browser tests skipped for want of Chromium, not one per test.
    if report.skipped and isinstance(report.longrepr, tuple) and MISSING in report.longrepr[2]:
        report.longrepr = (__file__, None, report.longrepr[2])
    return report


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if REQUIRE_BROWSER:
            pytest.fail(f"REQUIRE_BROWSER=1 but no Chromium at {CHROMIUM}", pytrace=False)
        pytest.skip(MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def login(page, username: str, password: str = "test-password-123"):
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
