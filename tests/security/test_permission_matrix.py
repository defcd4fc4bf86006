"""Every page × every kind of user → the expected status (pretix-style matrix).

The objects belong to Cần Thơ. Phú Thọ's users get 404 on them, never 403, so that nothing tells
them the object exists; a reader without the right to write gets 403; the ministry reads all.
"""

import pytest

from tests.factories import BeneficiaryFactory, PlanFactory, ProjectFactory, add_budget

OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404

USERS = [
    "cantho.center_staff",
    "cantho.center_head",
    "cantho.department_reviewer",
    "phutho.center_staff",
    "phutho.department_reviewer",
    "ministry",
    "anonymous",
]

# url template → expected status for each user above, in order.
MATRIX = {
    "/beneficiaries/": [OK, OK, OK, OK, OK, OK, REDIRECT],
    "/beneficiaries/new/": [OK, OK, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, REDIRECT],
    "/beneficiaries/{beneficiary}/": [OK, OK, OK, NOT_FOUND, NOT_FOUND, OK, REDIRECT],
    "/beneficiaries/{beneficiary}/edit/": [
        OK,
        OK,
        FORBIDDEN,
        NOT_FOUND,
        NOT_FOUND,
        FORBIDDEN,
        REDIRECT,
    ],
    "/beneficiaries/search/?q=co so": [OK, OK, OK, OK, OK, OK, REDIRECT],
    "/plans/": [OK, OK, OK, OK, OK, OK, REDIRECT],
    "/plans/{plan}/": [OK, OK, OK, NOT_FOUND, NOT_FOUND, OK, REDIRECT],
    "/projects/": [OK, OK, OK, OK, OK, OK, REDIRECT],
    "/projects/?format=xlsx": [OK, OK, OK, OK, OK, OK, REDIRECT],
    "/projects/new/?plan={plan}": [OK, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, FORBIDDEN, REDIRECT],
    "/projects/{project}/": [OK, OK, OK, NOT_FOUND, NOT_FOUND, OK, REDIRECT],
    "/projects/{project}/edit/": [OK, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, FORBIDDEN, REDIRECT],
    "/projects/{locked_project}/edit/": [
        FORBIDDEN,
        FORBIDDEN,
        FORBIDDEN,
        NOT_FOUND,
        NOT_FOUND,
        FORBIDDEN,
        REDIRECT,
    ],
    "/": [OK, OK, OK, OK, OK, OK, REDIRECT],
    # The review; its POST transitions have their own matrix in tests/projects/
    # test_review_*.py (allowed, 403 for the wrong role, 404 for another province).
    "/ministry/projects/": [FORBIDDEN] * 5 + [OK, REDIRECT],
    "/notifications/": [OK] * 6 + [REDIRECT],
    "/plans/{plan}/decision/": [NOT_FOUND] * 6 + [REDIRECT],  # no decision file yet
    "/admin/": [REDIRECT] * 7,  # staff-only: everyone here is sent to the admin login
}

CASES = [
    pytest.param(url, user, expected, id=f"{url} {user}")
    for url, statuses in MATRIX.items()
    for user, expected in zip(USERS, statuses, strict=True)
]


@pytest.fixture
def objects(world):
    plan = PlanFactory(province=world.cantho.province, year=2026)
    project = ProjectFactory(plan=plan, implementing_organisation=world.cantho.centre)
    add_budget(project, kcdp=100_000_000, counterpart=50_000_000)
    locked = ProjectFactory(
        plan=PlanFactory(province=world.cantho.province, year=2025, status="approved"),
        implementing_organisation=world.cantho.centre,
    )
    return {
        "beneficiary": BeneficiaryFactory(province=world.cantho.province).pk,
        "plan": plan.pk,
        "project": project.pk,
        "locked_project": locked.pk,
    }


def _login(client, world, user):
    if user == "anonymous":
        return
    if user == "ministry":
        client.force_login(world.ministry)
        return
    side, role = user.split(".")
    client.force_login(getattr(getattr(world, side), role))


@pytest.mark.parametrize(("url", "user", "expected"), CASES)
def test_get_matrix(client, world, objects, url, user, expected):
    _login(client, world, user)
    assert client.get(url.format(**objects)).status_code == expected


WRITE_MATRIX = {
    # POSTs: another province's objects are refused before any validation runs
    "/beneficiaries/{beneficiary}/edit/": [NOT_FOUND, NOT_FOUND, FORBIDDEN],
    "/projects/{project}/edit/": [NOT_FOUND, NOT_FOUND, FORBIDDEN],
    "/projects/new/?plan={plan}": [NOT_FOUND, NOT_FOUND, FORBIDDEN],
    "/plans/open/": [REDIRECT, REDIRECT, FORBIDDEN],  # a centre opens its own province's plan
}
WRITERS = ["phutho.center_staff", "phutho.center_head", "ministry"]


@pytest.mark.parametrize(
    ("url", "user", "expected"),
    [
        pytest.param(url, user, expected, id=f"POST {url} {user}")
        for url, statuses in WRITE_MATRIX.items()
        for user, expected in zip(WRITERS, statuses, strict=True)
    ],
)
def test_post_matrix_refuses_strangers_and_readers(client, world, objects, url, user, expected):
    _login(client, world, user)
    response = client.post(url.format(**objects), {"year": 2027, "title": "x"})
    assert response.status_code == expected


def test_cantho_reviewer_cannot_open_a_plan(client, world):
    _login(client, world, "cantho.department_reviewer")
    assert client.post("/plans/open/", {"year": 2027}).status_code == FORBIDDEN
