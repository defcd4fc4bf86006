"""The parts of the bench that run inside Django, against one scale's database (DATABASE_URL).

Run by tests/bench/run.py as a subprocess, one database at a time:

    python -m tests.bench.inprocess marker-get
    python -m tests.bench.inprocess marker-set "scale=1 seed=7 generator=generate_dataset"
    python -m tests.bench.inprocess facts            # JSON: users, ids, load targets, queries
    python -m tests.bench.inprocess count-created PREFIX
    python -m tests.bench.inprocess weasyprint-alone consolidated YEAR   # JSON: seconds
    python -m tests.bench.inprocess forget-reports   # no finished report file is reused
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections import Counter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyencong.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from beneficiaries.models import Beneficiary  # noqa: E402
from khuyencong.models import Membership, Province, Role  # noqa: E402
from khuyencong.scoping import scope_by_province  # noqa: E402
from projects.models import EDITABLE_PLAN_STATUSES, Participation, Plan, Project  # noqa: E402
from tests.bench.pages import PING, page_urls  # noqa: E402

# The bench logs in over HTTP, so it gives the two users it picked a password it knows. Only
# ever in the bench's own databases (<name>_bench_s1, .bench/*.sqlite3).
BENCH_PASSWORD = "bench-khuyencong-2025"
PAGE_SIZE = 25
SAMPLE = 5000  # titles / names read to find a frequent search word
LOAD_PROJECTS = 20
LOAD_BENEFICIARIES = 50


# --- The dataset marker --------------------------------------------------------------------------


def marker_get() -> str:
    with connection.cursor() as cursor:
        if "bench_dataset" not in connection.introspection.table_names(cursor):
            return ""
        cursor.execute("SELECT marker FROM bench_dataset")
        row = cursor.fetchone()
    return row[0] if row else ""


def marker_set(marker: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_dataset (marker VARCHAR(200) NOT NULL)")
        cursor.execute("DELETE FROM bench_dataset")
        cursor.execute("INSERT INTO bench_dataset (marker) VALUES (%s)", [marker])


# --- Who and what to measure ---------------------------------------------------------------------


def ministry_user():
    membership = (
        Membership.objects.filter(role=Role.MINISTRY, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def centre_user():
    """The head of the current province's centre with the most đề án (its own and those of the
    old provinces merged into it)."""
    per_province = dict(
        Project.objects.values_list("plan__province").annotate(n=Count("pk")).order_by()
    )
    successor = dict(Province.objects.values_list("pk", "successor_id"))
    totals: Counter = Counter()
    for province_id, count in per_province.items():
        totals[province_id] += count
        if successor.get(province_id):
            totals[successor[province_id]] += count
    heads = (
        Membership.objects.filter(
            role=Role.CENTER_HEAD,
            user__is_active=True,
            organisation__province__valid_until__isnull=True,
        )
        .select_related("user", "organisation")
        .order_by("pk")
    )
    best = max(heads, key=lambda m: totals[m.organisation.province_id], default=None)
    return best.user if best else None


def frequent_word(texts) -> str | None:
    """The most frequent word of four letters or more (not a code: no digits)."""
    counts = Counter(
        word for text in texts for word in (text or "").split() if len(word) >= 4 and word.isalpha()
    )
    return counts.most_common(1)[0][0] if counts else None


def user_facts(user) -> dict:
    projects = scope_by_province(Project.objects.all(), user, field="plan__province")
    plans = scope_by_province(Plan.objects.all(), user)
    beneficiaries = scope_by_province(Beneficiary.objects.all(), user)
    big_plan = plans.annotate(n=Count("projects")).order_by("-n", "pk").values("pk").first()
    year = (
        projects.values("plan__year").annotate(n=Count("pk")).order_by("-n", "-plan__year").first()
    )
    dossier = (
        Participation.objects.filter(project__in=projects)
        .values("project")
        .annotate(n=Count("pk"))
        .order_by("-n", "project")
        .first()
    )
    # The dossier with the longest implementation timeline (most disbursements).
    from funding.models import Disbursement

    carried = (
        Disbursement.objects.filter(project__in=projects)
        .values("project")
        .annotate(n=Count("pk"))
        .order_by("-n", "project")
        .first()
    )
    count = projects.count()
    return {
        "carried_dossier": carried["project"] if carried else None,
        "username": user.get_username(),
        "big_plan": big_plan["pk"] if big_plan else None,
        "year": year["plan__year"] if year else None,
        "project_word": frequent_word(
            projects.order_by("pk").values_list("search_text", flat=True)[:SAMPLE]
        ),
        "dossier": dossier["project"] if dossier else projects.values_list("pk", flat=True).first(),
        "last_page": max(1, math.ceil(count / PAGE_SIZE)),
        "beneficiary_word": frequent_word(
            beneficiaries.order_by("pk").values_list("name_key", flat=True)[:SAMPLE]
        ),
        "projects": count,
        "beneficiaries": beneficiaries.count(),
    }


def load_targets(user) -> dict:
    """What the centre's clients edit during the load: draft đề án of its current plan (else of
    its newest plan still editable) and establishments of its province."""
    province = user.membership.organisation.province
    plans = Plan.objects.filter(
        Q(province=province) | Q(province__successor=province),
        status__in=EDITABLE_PLAN_STATUSES,
    ).order_by("-year", "pk")
    plan = plans.filter(year__lte=_today().year).first() or plans.first()
    project_ids = []
    if plan is not None:
        project_ids = list(
            Project.objects.filter(plan=plan)
            .order_by("pk")
            .values_list("pk", flat=True)[:LOAD_PROJECTS]
        )
    beneficiary_ids = list(
        scope_by_province(Beneficiary.objects.all(), user)
        .order_by("pk")
        .values_list("pk", flat=True)[:LOAD_BENEFICIARIES]
    )
    return {
        "plan": plan.pk if plan else None,
        "projects": project_ids,
        "beneficiaries": beneficiary_ids,
    }


def _today():
    from django.utils import timezone

    return timezone.localdate()


def ensure_password(user) -> None:
    if not user.check_password(BENCH_PASSWORD):
        user.set_password(BENCH_PASSWORD)
        user.save(update_fields=["password"])


def count_queries(users: dict, pages: dict[str, tuple[str, str]]) -> dict[str, dict]:
    """SQL queries of each page, in-process through the whole middleware stack: a first request
    warms caches (content types, translations), the second is counted."""
    clients = {}
    for key, user in users.items():
        client = Client()
        client.force_login(user)
        clients[key] = client
    out = {}
    for name, (key, url) in {**pages, "ministry.ping": ("ministry", PING)}.items():
        client = clients[key]
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        out[name] = {"queries": len(captured.captured_queries), "status": response.status_code}
    return out


def facts() -> dict:
    users = {"ministry": ministry_user(), "centre": centre_user()}
    missing = [key for key, user in users.items() if user is None]
    if missing:
        raise SystemExit(f"no {' and no '.join(missing)} user in this database")
    for user in users.values():
        ensure_password(user)
    found = {key: user_facts(user) for key, user in users.items()}
    pages = page_urls(found)
    return {
        **found,
        "password": BENCH_PASSWORD,
        "load": load_targets(users["centre"]),
        "pages": {name: list(value) for name, value in pages.items()},
        "queries": count_queries(users, pages),
        "vendor": connection.vendor,
    }


def count_created(prefix: str) -> dict:
    return {
        "marked": Beneficiary.objects.filter(name__startswith=prefix).count(),
        "total": Beneficiary.objects.count(),
    }


def weasyprint_alone(name: str, year: str, runs: int = 3) -> dict:
    """Seconds WeasyPrint alone takes to turn the report's printable HTML (built here once, as
    the ministry) into the PDF: the floor of the PDF download (median of `runs` after a warm-up
    run that loads the fonts)."""
    import time

    from weasyprint import HTML

    from reports.params import parse_params
    from reports.registry import build_report
    from reports.renderers.html import render_standalone
    from reports.renderers.layouts import document
    from reports.renderers.pdf import STYLESHEET, static_root
    from reports.selectors import get_report_scope_for_user
    from tests.bench.stats import median

    scope = get_report_scope_for_user(ministry_user())
    params = parse_params({"year": year, "format": "pdf"})
    html = render_standalone(document(build_report(name, scope, params)), stylesheet=STYLESHEET)
    base_url = str(static_root()) + "/"
    HTML(string=html, base_url=base_url).write_pdf()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        HTML(string=html, base_url=base_url).write_pdf()
        times.append(time.perf_counter() - started)
    return {"seconds": median(times), "html_bytes": len(html.encode())}


def forget_reports() -> None:
    from reports.background import forget_reports as forget

    forget()


def main(argv: list[str]) -> None:
    command, *args = argv or ["facts"]
    if command == "marker-get":
        print(marker_get())
    elif command == "marker-set":
        marker_set(args[0])
    elif command == "facts":
        print(json.dumps(facts(), ensure_ascii=False))
    elif command == "count-created":
        print(json.dumps(count_created(args[0])))
    elif command == "weasyprint-alone":
        print(json.dumps(weasyprint_alone(args[0], args[1])))
    elif command == "forget-reports":
        forget_reports()
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
