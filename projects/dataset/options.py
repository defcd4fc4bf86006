"""What a run of the generator is asked for (`Options`) and what it wrote (`Summary`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from khuyencong.demo import DEMO_PASSWORD

BASE_PROJECTS = 30_000
BASE_BENEFICIARIES = 60_000
FIRST_YEAR = 2014
CURRENT_YEAR = 2026
USER_PREFIX = "gen."
BATCH_SIZE = 2000
MIN_POOL = 5  # establishments per old province with plans, whatever the scale
TRIEU = 1_000_000
ROUND_SUPPORT = 100_000
ROUND_COUNTERPART = 1_000


class DatasetError(Exception):
    """The generator cannot run on this database as it stands (the message says why)."""


@dataclass(frozen=True)
class Options:
    scale: float = 1.0
    seed: int = 1
    current_year: int = CURRENT_YEAR
    first_year: int = FIRST_YEAR
    provinces: tuple[str, ...] = ()  # codes of current units; empty = every unit
    password: str = DEMO_PASSWORD


@dataclass
class Summary:
    users: int = 0
    organisations: int = 0
    plans: int = 0
    projects: int = 0
    beneficiaries: int = 0
    participations: int = 0
    budget_lines: int = 0
    outputs: int = 0
    projects_by_program: dict[str, int] = field(default_factory=dict)
    projects_by_status: dict[str, int] = field(default_factory=dict)
    proposed: dict[str, int] = field(default_factory=dict)  # source → đồng
    approved: dict[str, int] = field(default_factory=dict)
    # What the later apps' dataset writers added (see extensions.py), by the names they give
    # it: a count, or đồng by source.
    more: dict[str, int | dict[str, int]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # "Sóc Trăng 2023": plans of someone else
    seconds: float = 0.0

    def add(self, name: str, amount: int, *, source: str | None = None) -> None:
        """Count `amount` under `name` in `more` (under name → source when given)."""
        if source is None:
            self.more[name] = self.more.get(name, 0) + amount
        else:
            by_source = self.more.setdefault(name, {})
            by_source[source] = by_source.get(source, 0) + amount

    def totals(self) -> dict:
        """Everything that must be equal for two runs with the same seed."""
        return {
            "plans": self.plans,
            "projects": self.projects,
            "beneficiaries": self.beneficiaries,
            "participations": self.participations,
            "budget_lines": self.budget_lines,
            "outputs": self.outputs,
            "projects_by_program": dict(sorted(self.projects_by_program.items())),
            "projects_by_status": dict(sorted(self.projects_by_status.items())),
            "proposed": dict(sorted(self.proposed.items())),
            "approved": dict(sorted(self.approved.items())),
            **{
                name: dict(sorted(value.items())) if isinstance(value, dict) else value
                for name, value in sorted(self.more.items())
            },
        }
