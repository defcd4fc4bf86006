"""The panels of the dashboard, contributed by the domain apps.

The core knows no domain app, so it cannot compute a plan's totals itself. Each app registers a
panel function in its AppConfig.ready():

    from khuyencong.dashboard import register_panel
    register_panel(plans_panel)

A panel function takes the request and returns a `Panel` (a template and its context) or None
when it has nothing to show to this user. It must run a constant number of queries, whatever the
data size: the ministry's dashboard covers the whole country.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)


PanelFunction = Callable[[HttpRequest], Panel | None]

_panels: list[PanelFunction] = []


def register_panel(function: PanelFunction) -> PanelFunction:
    """Add a panel (in registration order); registering the same function twice adds it once."""
    if function not in _panels:
        _panels.append(function)
    return function


def panels_for(request: HttpRequest) -> list[Panel]:
    return [panel for function in _panels if (panel := function(request)) is not None]
