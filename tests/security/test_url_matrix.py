"""Every URL of the portal × every kind of user → the expected status, built from the URL
resolver so that a new URL cannot escape it (pretix-style matrix).

Each URL pattern is either in MATRIX (a path on Cần Thơ's records, then the GET and the POST
status for each identity of IDENTITIES, in order) or in NOT_EXERCISED with a reason; the admin's
patterns are all exercised by the admin tests below (only the administrator reaches them).
Phú Thọ's people get 404 on Cần Thơ's records (nothing tells them the record exists), a role
without the right gets 403, anonymous visitors are sent to the login page. A POST here carries
no data: the right person gets the form back (400) or the action's redirect, anyone else is
refused before anything is read. Each identity's request is rolled back before the next.
"""

import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.url_world import IDENTITIES, build, user_of

pytestmark = pytest.mark.django_db

# Path on the records of url_world.build → ([GET status per identity], [POST status per identity])
# IDENTITIES: cantho.center_staff, cantho.center_head, cantho.department_reviewer,
# phutho.center_staff, phutho.department_reviewer, ministry, admin (superuser), anonymous.
MATRIX = {
    "dashboard": (
        "/",
        [200, 200, 200, 200, 200, 200, 200, 302],
        [200, 200, 200, 200, 200, 200, 200, 302],
    ),
    "login": (
        "/accounts/login/",
        [302, 302, 302, 302, 302, 302, 302, 200],
        [302, 302, 302, 302, 302, 302, 302, 400],
    ),
    "logout": (
        "/accounts/logout/",
        [405, 405, 405, 405, 405, 405, 405, 405],
        [302, 302, 302, 302, 302, 302, 302, 302],
    ),
    "password_change": (
        "/accounts/password_change/",
        [200, 200, 200, 200, 200, 200, 200, 302],
        [400, 400, 400, 400, 400, 400, 400, 302],
    ),
    "password_change_done": (
        "/accounts/password_change/done/",
        [200, 200, 200, 200, 200, 200, 200, 302],
        [405, 405, 405, 405, 405, 405, 405, 302],
    ),
    "password_reset": (
        "/accounts/password_reset/",
        [200, 200, 200, 200, 200, 200, 200, 200],
        [400, 400, 400, 400, 400, 400, 400, 400],
    ),
    "password_reset_done": (
        "/accounts/password_reset/done/",
        [200, 200, 200, 200, 200, 200, 200, 200],
        [405, 405, 405, 405, 405, 405, 405, 405],
    ),
    "password_reset_confirm": (
        "/accounts/reset/MQ/set-password/",
        [200, 200, 200, 200, 200, 200, 200, 200],
        [200, 200, 200, 200, 200, 200, 200, 200],
    ),
    "password_reset_complete": (
        "/accounts/reset/done/",
        [200, 200, 200, 200, 200, 200, 200, 200],
        [405, 405, 405, 405, 405, 405, 405, 405],
    ),
    "invitation_accept": (
        "/accounts/invitation/MQ/abc-def/",
        [200, 200, 200, 200, 200, 200, 200, 200],
        [200, 200, 200, 200, 200, 200, 200, 200],
    ),
    "two_factor": (
        "/accounts/two-factor/",
        [302, 302, 302, 302, 302, 302, 302, 302],
        [302, 302, 302, 302, 302, 302, 302, 302],
    ),
    "two_factor_setup": (
        "/accounts/two-factor/setup/",
        [200, 200, 200, 200, 200, 200, 200, 302],
        [400, 400, 400, 400, 400, 400, 400, 302],
    ),
    "staff_list": (
        "/accounts/staff/",
        [403, 200, 403, 403, 403, 403, 302, 302],
        [403, 200, 403, 403, 403, 403, 302, 302],
    ),
    "staff_invite": (
        "/accounts/staff/invite/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 400, 403, 403, 403, 403, 403, 302],
    ),
    "staff_role": (
        "/accounts/staff/{staff_member}/role/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 400, 403, 403, 403, 403, 403, 302],
    ),
    "staff_deactivate": (
        "/accounts/staff/{staff_member}/deactivate/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 302, 403, 403, 403, 403, 403, 302],
    ),
    "staff_reactivate": (
        "/accounts/staff/{staff_member}/reactivate/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 302, 403, 403, 403, 403, 403, 302],
    ),
    "staff_two_factor_reset": (
        "/accounts/staff/{staff_member}/two-factor-reset/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 302, 403, 403, 403, 403, 403, 302],
    ),
    "staff_reinvite": (
        "/accounts/staff/{staff_member}/reinvite/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 302, 403, 403, 403, 403, 403, 302],
    ),
    "export_job": (
        "/exports/{job}/",
        [200, 404, 404, 404, 404, 404, 404, 302],
        [409, 404, 404, 404, 404, 404, 404, 302],  # a queued job cannot be started again
    ),
    "export_download": (
        "/exports/{job}/download/",
        [404, 404, 404, 404, 404, 404, 404, 302],
        [404, 404, 404, 404, 404, 404, 404, 302],
    ),
    "notifications": (
        "/notifications/",
        [200, 200, 200, 200, 200, 200, 200, 302],
        [200, 200, 200, 200, 200, 200, 200, 302],
    ),
    "notifications_read": (
        "/notifications/read/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [302, 302, 302, 302, 302, 302, 302, 302],
    ),
    "beneficiaries:list": (
        "/beneficiaries/",
        [200, 200, 200, 200, 200, 200, 200, 302],
        [200, 200, 200, 200, 200, 200, 200, 302],
    ),
    "beneficiaries:create": (
        "/beneficiaries/new/",
        [200, 200, 403, 200, 403, 403, 403, 302],
        [400, 400, 403, 400, 403, 403, 403, 302],
    ),
    "beneficiaries:search": (
        "/beneficiaries/search/?q=co",
        [200, 200, 200, 200, 200, 200, 200, 302],
        [200, 200, 200, 200, 200, 200, 200, 302],
    ),
    "beneficiaries:detail": (
        "/beneficiaries/{beneficiary}/",
        [200, 200, 200, 404, 404, 200, 200, 302],
        [200, 200, 200, 404, 404, 200, 200, 302],
    ),
    "beneficiaries:edit": (
        "/beneficiaries/{beneficiary}/edit/",
        [200, 200, 403, 404, 404, 403, 403, 302],
        [400, 400, 403, 404, 404, 403, 403, 302],
    ),
    "beneficiaries:import": (
        "/beneficiaries/import/",
        [200, 200, 403, 200, 403, 403, 403, 302],
        [400, 400, 403, 400, 403, 403, 403, 302],
    ),
    "beneficiaries:import_template": (
        "/beneficiaries/import/template.xlsx",
        [200, 200, 403, 200, 403, 403, 403, 302],
        [200, 200, 403, 200, 403, 403, 403, 302],
    ),
    "beneficiaries:import_batch": (
        "/beneficiaries/import/{batch}/",
        [404, 404, 403, 404, 403, 403, 403, 302],
        [404, 404, 403, 404, 403, 403, 403, 302],
    ),
    "beneficiaries:import_feedback": (
        "/beneficiaries/import/{batch}/feedback.xlsx",
        [404, 404, 403, 404, 403, 403, 403, 302],
        [404, 404, 403, 404, 403, 403, 403, 302],
    ),
    "projects:plan_list": (
        "/plans/",
        [200, 200, 200, 200, 200, 200, 200, 302],
        [200, 200, 200, 200, 200, 200, 200, 302],
    ),
    "projects:plan_open": (
        "/plans/open/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [302, 302, 403, 302, 403, 403, 403, 302],
    ),
    "projects:plan_detail": (
        "/plans/{draft_plan}/",
        [200, 200, 200, 404, 404, 200, 200, 302],
        [200, 200, 200, 404, 404, 200, 200, 302],
    ),
    "projects:plan_submit": (
        "/plans/{draft_plan}/submit/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 400, 403, 404, 404, 403, 403, 302],
    ),
    "projects:plan_return": (
        "/plans/{submitted_plan}/return/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 403, 400, 404, 404, 403, 403, 302],
    ),
    "projects:plan_approve": (
        "/plans/{submitted_plan}/approve/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 403, 400, 404, 404, 403, 403, 302],
    ),
    "projects:plan_decision_file": (
        "/plans/{approved_plan}/decision/",
        [404, 404, 404, 404, 404, 404, 404, 302],
        [404, 404, 404, 404, 404, 404, 404, 302],
    ),
    "projects:adjustment_open": (
        "/plans/{approved_plan}/adjustments/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [400, 400, 403, 404, 404, 403, 403, 302],
    ),
    "projects:list": (
        "/projects/",
        [200, 200, 200, 200, 200, 200, 200, 302],
        [200, 200, 200, 200, 200, 200, 200, 302],
    ),
    "projects:create": (
        "/projects/new/?plan={draft_plan}",
        [200, 200, 403, 404, 404, 403, 403, 302],
        [400, 400, 403, 404, 404, 403, 403, 302],
    ),
    "projects:detail": (
        "/projects/{project}/",
        [200, 200, 200, 404, 404, 200, 200, 302],
        [200, 200, 200, 404, 404, 200, 200, 302],
    ),
    "projects:edit": (
        "/projects/{draft_project}/edit/",
        [200, 200, 403, 404, 404, 403, 403, 302],
        [400, 400, 403, 404, 404, 403, 403, 302],
    ),
    "projects:versions": (
        "/projects/{project}/versions/",
        [200, 200, 200, 404, 404, 200, 200, 302],
        [200, 200, 200, 404, 404, 200, 200, 302],
    ),
    "projects:project_comment": (
        "/projects/{submitted_project}/comment/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 403, 400, 404, 404, 403, 403, 302],
    ),
    "projects:project_reject": (
        "/projects/{submitted_project}/reject/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 403, 400, 404, 404, 403, 403, 302],
    ),
    "projects:project_approved_amounts": (
        "/projects/{submitted_project}/approved-amounts/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 403, 400, 404, 404, 403, 403, 302],
    ),
    "projects:ministry_list": (
        "/ministry/projects/",
        [403, 403, 403, 403, 403, 200, 200, 302],
        [403, 403, 403, 403, 403, 200, 200, 302],
    ),
    "projects:ministry_approve": (
        "/projects/{kcqg_waiting}/ministry-approve/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 403, 403, 404, 404, 400, 403, 302],
    ),
    "projects:ministry_reject": (
        "/projects/{kcqg_waiting}/ministry-reject/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 403, 403, 404, 404, 400, 403, 302],
    ),
    "projects:adjustment_detail": (
        "/adjustments/{adjustment}/",
        [200, 200, 200, 404, 404, 200, 200, 302],
        [200, 200, 200, 404, 404, 200, 200, 302],
    ),
    "projects:adjustment_change": (
        "/adjustments/{adjustment}/change/{project}/",
        [200, 200, 403, 404, 404, 403, 403, 302],
        [400, 400, 403, 404, 404, 403, 403, 302],
    ),
    "projects:adjustment_add": (
        "/adjustments/{adjustment}/add/",
        [200, 200, 403, 404, 404, 403, 403, 302],
        [400, 400, 403, 404, 404, 403, 403, 302],
    ),
    "projects:adjustment_stop": (
        "/adjustments/{adjustment}/stop/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [400, 400, 403, 404, 404, 403, 403, 302],
    ),
    "projects:adjustment_item_edit": (
        "/adjustments/{adjustment}/items/{item}/",
        [404, 404, 404, 404, 404, 404, 404, 302],
        [404, 404, 404, 404, 404, 404, 404, 302],
    ),
    "projects:adjustment_item_delete": (
        "/adjustments/{adjustment}/items/{item}/delete/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [302, 302, 403, 404, 404, 403, 403, 302],
    ),
    "projects:adjustment_submit": (
        "/adjustments/{adjustment}/submit/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 302, 403, 404, 404, 403, 403, 302],
    ),
    "projects:adjustment_return": (
        "/adjustments/{adjustment}/return/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 403, 400, 404, 404, 403, 403, 302],
    ),
    "projects:adjustment_approve": (
        "/adjustments/{adjustment}/approve/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [403, 403, 400, 404, 404, 403, 403, 302],
    ),
    "projects:adjustment_decision_file": (
        "/adjustments/{adjustment}/decision/",
        [404, 404, 404, 404, 404, 404, 404, 302],
        [404, 404, 404, 404, 404, 404, 404, 302],
    ),
    "projects:import": (
        "/projects/import/",
        [200, 200, 403, 200, 403, 403, 403, 302],
        [400, 400, 403, 400, 403, 403, 403, 302],
    ),
    "projects:import_template": (
        "/projects/import/template.xlsx",
        [200, 200, 403, 200, 403, 403, 403, 302],
        [200, 200, 403, 200, 403, 403, 403, 302],
    ),
    "projects:import_batch": (
        "/projects/import/{batch}/",
        [200, 404, 403, 404, 403, 403, 403, 302],
        [400, 404, 403, 404, 403, 403, 403, 302],
    ),
    "projects:import_feedback": (
        "/projects/import/{batch}/feedback.xlsx",
        [404, 404, 403, 404, 403, 403, 403, 302],
        [404, 404, 403, 404, 403, 403, 403, 302],
    ),
    "funding:contract_new": (
        "/projects/{project}/contracts/new/",
        [200, 200, 403, 404, 404, 403, 403, 302],
        [400, 400, 403, 404, 404, 403, 403, 302],
    ),
    "funding:disbursement_new": (
        "/projects/{project}/disbursements/new/",
        [200, 200, 403, 404, 404, 403, 403, 302],
        [400, 400, 403, 404, 404, 403, 403, 302],
    ),
    "funding:disbursement_reverse": (
        "/projects/{project}/disbursements/{disbursement}/reverse/",
        [200, 200, 403, 404, 404, 403, 403, 302],
        [400, 400, 403, 404, 404, 403, 403, 302],
    ),
    "funding:acceptance": (
        "/projects/{project}/acceptance/",
        [200, 200, 403, 404, 404, 403, 403, 302],
        [400, 400, 403, 404, 404, 403, 403, 302],
    ),
    "funding:settlement": (
        "/projects/{project}/settlement/",
        [200, 200, 403, 404, 404, 403, 403, 302],
        [400, 400, 403, 404, 404, 403, 403, 302],
    ),
    "funding:attachment_new": (
        "/projects/{project}/attachments/new/",
        [405, 405, 405, 405, 405, 405, 405, 302],
        [400, 400, 403, 404, 404, 403, 403, 302],
    ),
    "funding:attachment": (
        "/attachments/{attachment}/",
        [200, 200, 200, 404, 404, 200, 200, 302],
        [200, 200, 200, 404, 404, 200, 200, 302],
    ),
    "reports:index": (
        "/reports/",
        [200, 200, 200, 200, 200, 200, 200, 302],
        [200, 200, 200, 200, 200, 200, 200, 302],
    ),
    "reports:plan_choose": (
        "/reports/plan/?plan={approved_plan}",
        [302, 302, 302, 404, 404, 302, 302, 302],
        [302, 302, 302, 404, 404, 302, 302, 302],
    ),
    "reports:plan": (
        "/reports/plan/{approved_plan}/",
        [200, 200, 200, 404, 404, 200, 200, 302],
        [200, 200, 200, 404, 404, 200, 200, 302],
    ),
    "reports:report": (
        "/reports/results/",
        [200, 200, 200, 200, 200, 200, 200, 302],
        [200, 200, 200, 200, 200, 200, 200, 302],
    ),
    "set_language": (
        "/i18n/setlang/",
        [302, 302, 302, 302, 302, 302, 302, 302],
        [302, 302, 302, 302, 302, 302, 302, 302],
    ),
}


NOT_EXERCISED = {
    # The admin's own patterns are named too; the two below are not, and are exercised with the
    # rest of the admin by test_only_the_administrator_reaches_the_admin.
}

# Superuser pages of the admin that still answer 500; the admin's history of a model without
# history is the admin section's own work (they are exercised once it lands).
ADMIN_KNOWN_500 = {
    f"admin:{model}_history": "the history page of a model without history answers 500"
    for model in (
        "projects_content",
        "projects_indicator",
        "funding_contract",
        "funding_disbursement",
        "funding_acceptance",
        "funding_settlement",
        "projects_attachment",
    )
}


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield prefix + str(pattern.pattern), name


ALL_PATTERNS = list(_walk(get_resolver().url_patterns))
ADMIN_PATTERNS = [(route, name) for route, name in ALL_PATTERNS if route.startswith("admin/")]
SITE_PATTERNS = [(route, name) for route, name in ALL_PATTERNS if not route.startswith("admin/")]


def test_every_url_of_the_site_is_in_the_matrix_or_says_why_not():
    names = [name for _route, name in SITE_PATTERNS]
    assert None not in names, "every URL of the site has a name"
    missing = set(names) - set(MATRIX) - set(NOT_EXERCISED)
    assert not missing, f"add these URLs to MATRIX (or NOT_EXERCISED with a reason): {missing}"
    assert not set(MATRIX) - set(names), "MATRIX names URLs that no longer exist"
    assert len(ADMIN_PATTERNS) > 100  # the admin is found through the resolver too


def _run(world, objects, admin, url, method):
    statuses = []
    for identity in IDENTITIES:
        with transaction.atomic():
            client = Client(raise_request_exception=False)
            user = user_of(world, identity, admin)
            if user is not None:
                client.force_login(user)
            statuses.append(getattr(client, method)(url).status_code)
            transaction.set_rollback(True)
    return statuses


@pytest.fixture
def records(world):
    objects = build(world)
    return objects.pop("admin"), objects


def test_url_matrix(world, records):
    """One set of records for every URL (each request is rolled back): every difference from
    MATRIX is listed at once."""
    admin, objects = records
    differences = []
    for name, (path, get, post) in MATRIX.items():
        url = path.format(**objects)
        for method, expected in (("get", get), ("post", post)):
            found = _run(world, objects, admin, url, method)
            if found != expected:
                differences.append(f"{method.upper()} {url} ({name}): {found} ≠ {expected}")
    assert not differences, "\n".join(differences)


def _admin_url(route: str) -> str:
    """A concrete URL for an admin route: ids "1", an app's label, anything for a catch-all."""
    url = re.sub(r"\(\?P<app_label>([^|)]+)[^)]*\)", r"\1", route)
    url = re.sub(r"\(\?P<url>\.\*\)", "nothing-here/", url)
    url = re.sub(r"<(?:\w+:)?(\w+)>", "1", url)
    return "/" + url.replace("^", "").replace("$", "")


@pytest.mark.parametrize("identity", [i for i in IDENTITIES if i != "admin"])
def test_only_the_administrator_reaches_the_admin(world, records, identity):
    admin, _objects = records
    client = Client(raise_request_exception=False)
    user = user_of(world, identity, admin)
    if user is not None:
        client.force_login(user)
    for route, name in ADMIN_PATTERNS:
        url = _admin_url(route)
        if name in ("admin:login", "admin:logout"):  # open to all; they reach nothing
            continue
        response = client.get(url)
        assert response.status_code == 302, (name, url, response.status_code)
        assert response.url.startswith("/admin/login/"), (name, url)


def test_the_administrator_opens_the_admin_without_a_server_error(world, records):
    admin, _objects = records
    client = Client(raise_request_exception=False)
    client.force_login(admin)
    errors = []
    for route, name in ADMIN_PATTERNS:
        url = _admin_url(route)
        status = client.get(url).status_code
        if status >= 500 and name not in ADMIN_KNOWN_500:
            errors.append((name, url, status))
        if name and name.endswith("_changelist"):
            assert status == 200, (name, url)
    assert not errors
