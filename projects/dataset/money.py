"""The money of a generated đề án: how common each content is, which programme pays, how much
support and counterpart it draws (`draw_money`), within the caps of Circular 28/2018/TT-BTC."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from funding.models import BudgetLine, Source, public_source
from projects.dataset.draws import log_uniform, round_to, split
from projects.dataset.options import ROUND_COUNTERPART, ROUND_SUPPORT, TRIEU
from projects.models import Program, Project


@dataclass(frozen=True)
class ContentProfile:
    weight: float  # how common
    kcqg_share: float
    support: tuple[float, float]  # triệu đồng, per đề án, or per establishment (below)
    counterpart_share: float  # how many đề án of this content carry counterpart money
    leverage: tuple[float, float, float] = (1.0, 0.5, 0.1)  # median, sigma, floor
    per_establishment: bool = False  # the cap binds each establishment (Circular 28/2018)
    from_year: int = 0  # Decree 235/2025 added contents 11 and 12


# Which contents are drawn: the leaves, and group 2 (its one sub-content, start-up support, does
# not cover its training and workshops); a content added in the admin gets OTHER_PROFILE.
# Machinery (3.2) and demonstration models (3.1) are the most common đề án, then training.
# Caps of Circular 28/2018/TT-BTC are respected by construction: a demonstration model ≤ 30 % of
# its cost and ≤ 1.000 triệu (leverage ≥ 2,4); machinery ≤ 50 % and ≤ 300 triệu per
# establishment (leverage ≥ 1,05 each); start-up ≤ 10 triệu per establishment.
PROFILES = {
    "1": ContentProfile(14, 0.15, (80, 600), 0.35, (0.4, 0.6, 0.05)),
    "2": ContentProfile(7, 0.2, (50, 300), 0.3, (0.3, 0.5, 0.05)),
    "2.1": ContentProfile(1.5, 0.2, (5, 10), 1.0, (3.0, 0.6, 0.5), per_establishment=True),
    "3.1": ContentProfile(16, 0.45, (300, 1000), 1.0, (4.5, 0.45, 2.4)),
    "3.2": ContentProfile(26, 0.22, (50, 300), 1.0, (3.5, 0.55, 1.05), per_establishment=True),
    "4.1": ContentProfile(3, 0.3, (100, 500), 0.2, (0.2, 0.5, 0.05)),
    "4.2": ContentProfile(6, 0.3, (200, 1500), 0.7, (0.9, 0.6, 0.1)),
    "4.3": ContentProfile(1, 0.9, (500, 1500), 0.5, (0.3, 0.5, 0.05)),
    "4.4": ContentProfile(2, 0.25, (100, 500), 1.0, (1.5, 0.5, 0.3)),
    "4.5": ContentProfile(3, 0.2, (50, 300), 0.8, (0.8, 0.5, 0.1)),
    "5": ContentProfile(4, 0.2, (50, 400), 0.6, (0.5, 0.5, 0.1)),
    "6": ContentProfile(4, 0.15, (50, 500), 0.0),
    "7": ContentProfile(2, 0.35, (300, 1500), 0.6, (2.0, 0.6, 0.2)),
    "8": ContentProfile(2, 0.3, (100, 800), 1.0, (2.5, 0.5, 0.5)),
    "9": ContentProfile(0.5, 0.8, (200, 1000), 0.0),
    "10": ContentProfile(2, 0.3, (100, 500), 0.0),
    "11": ContentProfile(4, 0.3, (100, 800), 1.0, (1.5, 0.5, 0.3), from_year=2026),
    "12": ContentProfile(1, 0.2, (50, 300), 0.3, (0.3, 0.5, 0.05), from_year=2026),
}
OTHER_PROFILE = ContentProfile(0.5, 0.25, (50, 500), 0.5)  # a content added in the admin


def _leverage(rng: random.Random, profile: ContentProfile) -> float:
    median, sigma, floor = profile.leverage
    return max(floor, min(12.0, rng.lognormvariate(math.log(median), sigma)))


@dataclass(frozen=True)
class ProjectMoney:
    """The money of one đề án, decided in one place (`draw_money`): its budget lines by source
    (proposed, and approved once approved) and the establishments' shares, which add up to the
    public and counterpart lines exactly (the money rules of the đề án form)."""

    proposed: dict[str, int]
    approved: dict[str, int] | None
    shares: tuple[tuple[int, int], ...] = ()  # (support, counterpart) per establishment

    def amounts(self) -> dict[str, int]:
        """What each line counts for (BudgetLine.amount): approved once there is one."""
        return dict(self.approved if self.approved is not None else self.proposed)

    def stored_totals(self) -> dict[str, int]:
        """The money stored on the đề án (Project.kcqg ... total): the lines' amounts by source."""
        amounts = self.amounts()
        stored = {name: amounts.get(name, 0) for name in ("kcqg", "kcdp", "counterpart", "other")}
        stored["total"] = sum(stored.values())
        return stored

    def lines(self, project: Project) -> list[BudgetLine]:
        return [
            BudgetLine(
                project=project,
                source=source,
                proposed=proposed,
                approved=None if self.approved is None else self.approved[source],
            )
            for source, proposed in self.proposed.items()
        ]


def _support_range(profile: ContentProfile, program: str) -> tuple[float, float]:
    """In triệu đồng. KCĐP đề án are smaller than KCQG ones (Sóc Trăng 2023: 140 triệu a KCĐP
    đề án, 1.310 triệu a KCQG one); never below 50 triệu except start-up support."""
    low, high = profile.support
    if program == Program.KCQG:
        return min(high, low * 1.5), high
    floor = low if profile.per_establishment else 50
    return max(floor, low * 0.6), max(floor, high * 0.5)


def draw_money(
    rng: random.Random,
    *,
    profile: ContentProfile,
    program: str,
    establishments: int,
    approved: bool,
) -> ProjectMoney:
    """Public support between 50 and 1.500 triệu đồng (rounded to 100.000 đ; start-up support,
    capped at 10 triệu an establishment, is less), counterpart = support × a log-normal
    leverage, sometimes "other" money; approved = proposed, or a little lower where no
    establishment shares would stop adding up."""
    public = public_source(program)
    low, high = _support_range(profile, program)
    leverage = _leverage(rng, profile)
    has_counterpart = rng.random() < profile.counterpart_share
    shares: list[tuple[int, int]] = []
    if profile.per_establishment:
        for _ in range(max(1, establishments)):
            support = round_to(log_uniform(rng, low, high) * TRIEU, ROUND_SUPPORT)
            own = _leverage(rng, profile)
            shares.append((support, round_to(support * own, ROUND_COUNTERPART)))
        support = sum(s for s, _c in shares)
        counterpart = sum(c for _s, c in shares)
        if not establishments:
            shares = []
    else:
        support = round_to(log_uniform(rng, low, high) * TRIEU, ROUND_SUPPORT)
        counterpart = round_to(support * leverage, ROUND_COUNTERPART) if has_counterpart else 0
        if establishments:  # support ≥ 50 triệu: 500 shares of 100.000 đ, enough for five
            shares = list(
                zip(
                    split(support, establishments, ROUND_SUPPORT, rng),
                    split(counterpart, establishments, ROUND_COUNTERPART, rng),
                    strict=True,
                )
            )
    proposed = {public: support}
    if counterpart:
        proposed[Source.COUNTERPART] = counterpart
    if rng.random() < 0.08:
        proposed[Source.OTHER] = round_to(support * rng.uniform(0.05, 0.6), ROUND_COUNTERPART)
    if not approved:
        return ProjectMoney(proposed, None, tuple(shares))
    granted = dict(proposed)
    if not shares and rng.random() < 0.25:
        granted[public] = round_to(support * rng.uniform(0.8, 0.97), ROUND_SUPPORT)
    return ProjectMoney(proposed, granted, tuple(shares))
