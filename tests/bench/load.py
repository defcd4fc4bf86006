"""Traffic against gunicorn: page latencies under 8 concurrent clients, and the mixed load of
16 clients (reads, edits, creations, exports, logins). Bounded: every loop stops by itself
(a number of requests, or a deadline), every request has a time-out.
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from beneficiaries.taxcode import check_digit
from tests.bench.client import CSRF_INPUT, BenchHTTPError, Session, main_form
from tests.bench.stats import median, percentile

BARRIER_TIMEOUT = 300
STAGGER_S = 0.3
WARM_UP_CLIENTS = 2  # gunicorn's workers: each has run the page once before the timing


@dataclass
class Sample:
    """The latencies of one URL (seconds) and what answered."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def extend(self, other: Sample) -> None:
        self.latencies += other.latencies
        self.statuses.update(other.statuses)
        self.errors += other.errors

    @property
    def ok(self) -> bool:
        return bool(self.latencies) and not self.errors and set(self.statuses) == {200}

    @property
    def p95(self) -> float | None:
        return percentile(self.latencies, 95) if self.latencies else None

    @property
    def median(self) -> float | None:
        return median(self.latencies) if self.latencies else None

    def problem(self) -> str:
        if self.errors:
            return self.errors[0]
        bad = {s: n for s, n in self.statuses.items() if s != 200}
        return f"status {bad}" if bad else ""


def timed_requests(
    port: int, cookies: dict, url: str, *, clients: int = 8, per_client: int = 5
) -> Sample:
    """`clients` threads, each with its own keep-alive connection and the same session cookie:
    a warm-up request (by as many clients as gunicorn has workers), then together `per_client`
    requests each, one after another."""
    sample = Sample()
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def client(index: int):
        session = Session(port, timeout=120, cookies=dict(cookies))
        mine = Sample()
        try:
            if index < WARM_UP_CLIENTS:
                session.get(url)
            barrier.wait(timeout=BARRIER_TIMEOUT)
            for _ in range(per_client):
                response = session.get(url)
                mine.latencies.append(response.seconds)
                mine.statuses[response.status] += 1
        except (BenchHTTPError, threading.BrokenBarrierError) as error:
            barrier.abort()
            mine.errors.append(f"{url}: {error!r}")
        finally:
            session.close()
            with lock:
                sample.extend(mine)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=BARRIER_TIMEOUT + 120 * (per_client + 1))
    return sample


# --- The mixed load ------------------------------------------------------------------------------


def tax_code(prefix: int, client: int, counter: int) -> str | None:
    """A valid 10-digit tax code, unique per (run prefix, client, counter); None when the check
    digit would be 10 (no such code exists)."""
    first9 = f"8{prefix % 1000:03d}{client % 100:02d}{counter % 1000:03d}"
    digit = check_digit(first9)
    return None if digit == 10 else f"{first9}{digit}"


@dataclass
class LoadPlan:
    """What the clients need to know, from the facts of the database."""

    port: int
    seconds: float
    clients: int
    password: str
    ministry: dict
    centre: dict
    targets: dict  # {"projects": [ids], "beneficiaries": [ids]} of the centre
    name_prefix: str
    code_prefix: int


@dataclass
class LoadStats:
    requests: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    unexpected: int = 0
    unexpected_samples: list[str] = field(default_factory=list)
    conflicts: int = 0
    created: int = 0
    operations: Counter = field(default_factory=Counter)
    by_operation: dict[str, list[float]] = field(default_factory=dict)  # request latencies
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, kind: str, text: str) -> None:
        with self.lock:
            if kind == "error":
                self.errors += 1
                if len(self.error_samples) < 5:
                    self.error_samples.append(text)
            else:
                self.unexpected += 1
                if len(self.unexpected_samples) < 5:
                    self.unexpected_samples.append(text)


class LoadClient:
    """One person at a keyboard, as fast as the server answers."""

    def __init__(self, index: int, role: str, plan: LoadPlan, stats: LoadStats):
        self.index = index
        self.role = role
        self.plan = plan
        self.stats = stats
        self.user = plan.ministry if role == "ministry" else plan.centre
        self.session = Session(plan.port, timeout=60)
        self.rng = random.Random(index)
        self.counter = 0
        self.operation = "login"

    def call(self, method: str, url: str, data=None, ok=(200, 302), save=False):
        try:
            response = self.session.request(method, url, data=data)
        except BenchHTTPError as error:
            self.stats.note("error", str(error))
            return None
        with self.stats.lock:
            self.stats.requests += 1
            self.stats.latencies.append(response.seconds)
            self.stats.by_operation.setdefault(self.operation, []).append(response.seconds)
        if response.status >= 500:
            self.stats.note("error", f"{method} {url}: {response.status}")
        elif response.status == 409 and method == "POST":
            with self.stats.lock:
                self.stats.conflicts += 1  # the other save won: handled, not an error
        elif response.status not in ok:
            why = _errors_in(response.text) if method == "POST" else ""
            self.stats.note("unexpected", f"{method} {url}: {response.status} {why}".strip())
        return response

    # Operations -----------------------------------------------------------------------------

    def login(self):
        self.session.cookies.clear()
        self.session.close()
        response = self.call("GET", "/accounts/login/")
        if response is None or response.status != 200:
            return
        token = CSRF_INPUT.search(response.text)
        result = self.call(
            "POST",
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": self.user["username"],
                "password": self.plan.password,
            },
        )
        if result is not None and result.status == 302:
            self.call("GET", result.location)

    def dashboard(self):
        self.call("GET", "/")

    def plans(self):
        self.call("GET", "/plans/")

    def project_list(self):
        params = self.rng.choice(
            [
                f"year={self.user.get('year') or ''}",
                f"q={self.user.get('project_word') or ''}",
                "sort=-total",
                f"page={self.rng.randint(1, max(1, self.user.get('last_page') or 1))}",
            ]
        )
        self.call("GET", f"/projects/?{params}")

    def beneficiary_list(self):
        word = self.user.get("beneficiary_word") or ""
        self.call("GET", self.rng.choice(["/beneficiaries/", f"/beneficiaries/?q={word}"]))

    def dossier(self):
        ids = self.plan.targets.get("projects") or []
        pk = self.rng.choice(ids) if ids and self.role == "centre" else self.user.get("dossier")
        if pk:
            self.call("GET", f"/projects/{pk}/")

    def export(self):
        if self.role == "ministry":
            url = f"/projects/?format=csv&year={self.user.get('year') or ''}"
        else:
            url = "/beneficiaries/?format=csv"
        self.call("GET", url)

    def edit(self, kind: str):
        ids = self.plan.targets.get(kind) or []
        if not ids:
            return
        url = f"/{kind}/{self.rng.choice(ids)}/edit/"
        form_page = self.call("GET", url)
        if form_page is None or form_page.status != 200:
            return
        form = main_form(form_page.text, "lock_version")
        if form is None:
            self.stats.note("unexpected", f"GET {url}: no form with lock_version")
            return
        self.call("POST", url, form.fields, ok=(302,))

    def edit_project(self):
        self.edit("projects")

    def edit_beneficiary(self):
        self.edit("beneficiaries")

    def create_beneficiary(self):
        page = self.call("GET", "/beneficiaries/new/")
        if page is None or page.status != 200:
            return
        form = main_form(page.text, "tax_code")
        if form is None:
            self.stats.note("unexpected", "GET /beneficiaries/new/: no form")
            return
        code = None
        while code is None:
            self.counter += 1
            code = tax_code(self.plan.code_prefix, self.index, self.counter)
        values = {
            "name": f"{self.plan.name_prefix} {self.index}-{self.counter}",
            "tax_code": code,
            "confirm_not_duplicate": "on",
        }
        if not form.value("kind"):
            values["kind"] = form.first_option("kind")
        if not form.value("province"):
            values["province"] = form.first_option("province")
        answer = self.call("POST", "/beneficiaries/new/", form.replaced(**values), ok=(302,))
        if answer is not None and answer.status == 302:
            with self.stats.lock:
                self.stats.created += 1

    # The mix --------------------------------------------------------------------------------

    def operations(self):
        if self.role == "ministry":
            return [
                (self.dashboard, 10),
                (self.plans, 10),
                (self.project_list, 35),
                (self.beneficiary_list, 20),
                (self.dossier, 15),
                (self.export, 5),
                (self.login, 5),
            ]
        return [
            (self.dashboard, 5),
            (self.plans, 5),
            (self.project_list, 20),
            (self.beneficiary_list, 15),
            (self.dossier, 10),
            (self.edit_project, 15),
            (self.edit_beneficiary, 15),
            (self.create_beneficiary, 8),
            (self.export, 3),
            (self.login, 4),
        ]

    def run(self, deadline: float):
        ops = self.operations()
        functions = [op for op, _ in ops]
        weights = [w for _, w in ops]
        try:
            # People arrive one after another: 16 logins in the same instant would measure a
            # PBKDF2 storm (each login hashes the password on purpose slowly), not the portal.
            time.sleep(min(self.index * STAGGER_S, max(0.0, deadline - time.monotonic()) / 10))
            self.login()
            while time.monotonic() < deadline:
                op = self.rng.choices(functions, weights)[0]
                self.operation = op.__name__
                with self.stats.lock:
                    self.stats.operations[op.__name__] += 1
                op()
        finally:
            self.session.close()


_ERROR_TEXT = re.compile(
    r'class="[^"]*(?:invalid-feedback|alert-danger|errorlist)[^"]*"[^>]*>(.*?)<', re.S
)


def _errors_in(html: str) -> str:
    """The first error messages of a refused form, for the report."""
    found = _ERROR_TEXT.findall(html)
    return "; ".join(" ".join(f.split()) for f in found if f.strip())[:300]


def run_load(plan: LoadPlan) -> LoadStats:
    """`plan.clients` clients (a quarter of them the ministry, the rest the centre) for
    `plan.seconds`; each stops at the deadline, the run waits at most a minute more."""
    stats = LoadStats()
    deadline = time.monotonic() + plan.seconds
    ministry_clients = max(1, plan.clients // 4)
    clients = [
        LoadClient(i, "ministry" if i < ministry_clients else "centre", plan, stats)
        for i in range(plan.clients)
    ]
    threads = [threading.Thread(target=c.run, args=(deadline,), daemon=True) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + 60)
    return stats
