"""The plans of the synthetic country: which province plans in which year, in which state, and
how many đề án each gets (`plan_specs`, computed over every unit so that a limited run writes
exactly its share), the states its đề án are drawn in, and the writing of the plans."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from simple_history.utils import bulk_create_with_history

from khuyencong.models import Province
from projects.dataset.bulk import batch_size
from projects.dataset.draws import allocate, aware, day_in, random_for, weighted
from projects.dataset.options import BASE_PROJECTS, Options
from projects.models import Plan, PlanStatus


@dataclass
class PlanSpec:
    province: Province
    unit: Province  # the current unit that keeps its records (itself from 07/2025)
    year: int
    status: str
    weight: float
    count: int = 0


def _current_unit(province: Province) -> Province:
    return province.successor if province.era == Province.Era.LEGACY else province


def province_weights(options: Options, provinces: list[Province]) -> dict[int, float]:
    """How active each unit is: log-normal for the old units, a merged unit the sum of what
    merged into it (a little less: one centre instead of several)."""
    weights = {}
    for p in provinces:
        if p.era == Province.Era.LEGACY:
            weights[p.pk] = random_for(options, "weight", p.code).lognormvariate(0, 0.45)
    for p in provinces:
        if p.era != Province.Era.LEGACY:
            merged = [weights[q.pk] for q in provinces if q.successor_id == p.pk and q.pk != p.pk]
            weights[p.pk] = 0.9 * sum(merged) if merged else 1.0
    return weights


def _plan_status(options: Options, unit: Province, year: int) -> str | None:
    """Approved for past years; the current year's plan draft, submitted or approved; the next
    year's drafted only where the current one has left the centre (None: no plan)."""
    current = options.current_year
    if year < current:
        return PlanStatus.APPROVED
    now = weighted(
        random_for(options, "plan-status", unit.code, current),
        [(PlanStatus.DRAFT, 0.35), (PlanStatus.SUBMITTED, 0.25), (PlanStatus.APPROVED, 0.4)],
    )
    if year == current:
        return now
    return PlanStatus.DRAFT if now != PlanStatus.DRAFT else None


def plan_specs(options: Options, provinces: list[Province]) -> list[PlanSpec]:
    """Every plan of the national country with its number of đề án (before any filtering)."""
    weights = province_weights(options, provinces)
    specs = []
    for year in range(options.first_year, options.current_year + 2):
        first_day = datetime.date(year, 1, 1)
        for province in provinces:
            if not province.is_valid_on(first_day):
                continue
            status = _plan_status(options, province, year)
            if status is None:
                continue
            growth = 1 + 0.025 * (year - options.first_year)
            if year > options.current_year:
                growth *= 0.35  # still being drafted
            noise = random_for(
                options, "plan-size", province.era, province.code, year
            ).lognormvariate(0, 0.2)
            specs.append(
                PlanSpec(
                    province=province,
                    unit=_current_unit(province),
                    year=year,
                    status=status,
                    weight=weights[province.pk] * growth * noise,
                )
            )
    counts = allocate(round(BASE_PROJECTS * options.scale), [s.weight for s in specs])
    for spec, count in zip(specs, counts, strict=True):
        spec.count = count
    return specs


class PlanWriter:
    """The generator's part that writes the plans (see generator.Generator for the state
    it shares: options, summary, the users of each unit, step)."""

    def plans(self, specs: list[PlanSpec]) -> dict[int, Plan]:
        objs = []
        for spec in specs:
            rng = random_for(self.options, "plan", spec.province.era, spec.province.code, spec.year)
            # Opened in July, đề án drafted August to October, submitted in November.
            created = day_in(rng, spec.year - 1, (7, 7))
            plan = Plan(
                province=spec.province,
                year=spec.year,
                status=spec.status,
                created_by=self.staff[spec.unit.pk],
                created_at=aware(created),
            )
            legacy = spec.province.era == Province.Era.LEGACY
            if spec.status in (PlanStatus.SUBMITTED, PlanStatus.APPROVED):
                plan.submitted_at = aware(day_in(rng, spec.year - 1, (11, 11)))
                plan.submitted_by = None if legacy else self.head[spec.unit.pk]
            if spec.status == PlanStatus.APPROVED:
                decided = plan.submitted_at.date() + datetime.timedelta(days=rng.randint(20, 60))
                plan.decision_number = f"{rng.randint(100, 3500)}/QĐ-UBND"
                plan.decision_date = decided
                plan.approved_at = aware(decided, 15)
                plan.approved_by = None if legacy else self.reviewer[spec.unit.pk]
                if spec.year < self.options.current_year:
                    plan.version = weighted(rng, [(1, 80), (2, 15), (3, 5)])
            plan._history_user = plan.created_by
            plan._history_date = plan.created_at
            objs.append(plan)
        created = bulk_create_with_history(objs, Plan, batch_size=batch_size(Plan))
        self.summary.plans = len(created)
        self.step(f"Plans: {len(created)}")
        return {id(spec): plan for spec, plan in zip(specs, created, strict=True)}
