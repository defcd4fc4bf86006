"""The key pages the bench times, built from what was found in the database (see
tests/bench/inprocess.py `facts`). Pure: no Django, no database.

Each stage adds its pages (review, implementation, reports, import) here.

Reports: the consolidated report's page is timed like the others (its ratio to the
bare page); `report_urls` are the files timed end to end (the consolidated PDF, inline; the
national annex, `project_list` of every province as PDF, through the background path).
"""

from __future__ import annotations

from urllib.parse import urlencode

PING = "/_bench/ping/"
USERS = ("ministry", "centre")


def page_urls(facts: dict) -> dict[str, tuple[str, str]]:
    """page name → (user key, URL) for the ministry user and the centre user.

    `facts[user]` holds: big_plan (id), year, project_word, dossier (id), last_page,
    beneficiary_word; a missing value leaves its page out."""
    pages: dict[str, tuple[str, str]] = {}
    for user in USERS:
        f = facts.get(user) or {}
        candidates = {
            "dashboard": "/",
            "plans": "/plans/",
            "plan_big": _when(f.get("big_plan"), "/plans/{}/"),
            "projects": "/projects/",
            "projects_year": _query("/projects/", year=f.get("year")),
            "projects_search": _query("/projects/", q=f.get("project_word")),
            "projects_sort_total": "/projects/?sort=-total",
            "projects_last_page": _query("/projects/", page=f.get("last_page")),
            "project_dossier": _when(f.get("dossier"), "/projects/{}/"),
            "beneficiaries": "/beneficiaries/",
            "beneficiaries_search": _query("/beneficiaries/", q=f.get("beneficiary_word")),
            # The review: the plan page carries it (plan_big); the notifications; the
            # ministry's list of KCQG đề án awaiting it.
            "notifications": "/notifications/",
            "ministry_awaiting": "/ministry/projects/" if user == "ministry" else None,
            "report_consolidated": (
                _query("/reports/consolidated/", year=f.get("year")) if user == "ministry" else None
            ),
            # Implementation: the dossier with its timeline; the dashboards ("dashboard")
            # carry the implementation panel, the plan page (plan_big) its table.
            "project_timeline": _when(f.get("carried_dossier"), "/projects/{}/"),
        }
        for name, url in candidates.items():
            if url is not None:
                pages[f"{user}.{name}"] = (user, url)
    return pages


EXPORTS = {
    "projects.csv": "/projects/?format=csv",
    "projects.xlsx": "/projects/?format=xlsx",
    "beneficiaries.csv": "/beneficiaries/?format=csv",
    "beneficiaries.xlsx": "/beneficiaries/?format=xlsx",
}


def report_urls(facts: dict) -> dict[str, str]:
    """report file name → URL, as the ministry, for its busiest year."""
    year = (facts.get("ministry") or {}).get("year")
    if year in (None, ""):
        return {}
    return {
        "consolidated.pdf": _query("/reports/consolidated/", year=year, format="pdf"),
        "project_list.pdf": _query("/reports/project_list/", year=year, format="pdf"),
    }


def _when(value, template: str) -> str | None:
    return None if value in (None, "") else template.format(value)


def _query(path: str, **params) -> str | None:
    if any(value in (None, "") for value in params.values()):
        return None
    return f"{path}?{urlencode(params)}"
