"""Sections a later app adds to the pages of plans and đề án, without projects importing it (the
way the core's dashboard takes its panels): funding adds how a đề án is carried out to its
dossier, and approved vs disbursed money to the plan page.

    from projects.sections import register_project_section
    register_project_section(implementation_section)

A section function takes the request, the object and what the page has already read (the
dossier's budget lines, the plan's breakdown) and returns a `Panel` (a template and its context,
shown as `data`) or None. It must run a constant number of queries whatever the data size.
"""

from collections.abc import Callable

from khuyencong.dashboard import Panel

_project_sections: list[Callable] = []
_plan_sections: list[Callable] = []


def register_project_section(function: Callable) -> Callable:
    """Add a section to the đề án's dossier: `function(request, project, dossier)`."""
    if function not in _project_sections:
        _project_sections.append(function)
    return function


def register_plan_section(function: Callable) -> Callable:
    """Add a section to the plan's page: `function(request, plan, breakdown)`."""
    if function not in _plan_sections:
        _plan_sections.append(function)
    return function


def project_sections(request, project, dossier) -> list[Panel]:
    return [s for f in _project_sections if (s := f(request, project, dossier)) is not None]


def plan_sections(request, plan, breakdown) -> list[Panel]:
    return [s for f in _plan_sections if (s := f(request, plan, breakdown)) is not None]
