"""The generator: reads the reference rows once (provinces of both eras, communes, contents,
indicators), then writes organisations, users, establishments, plans and đề án in that order,
all inside one transaction (`generate`). Each noun is written by its own part (PeopleWriter in
people.py, EstablishmentWriter in establishments.py, PlanWriter in plans.py, ProjectWriter in
projects.py), which share the state kept here."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable

from django.db import reset_queries, transaction

from beneficiaries.models import Beneficiary
from khuyencong.models import Commune, Province
from projects.dataset.bulk import given_timestamps
from projects.dataset.deletion import generated_data_exists
from projects.dataset.establishments import EstablishmentWriter
from projects.dataset.extensions import dataset_writers
from projects.dataset.money import PROFILES
from projects.dataset.options import DatasetError, Options, Summary
from projects.dataset.people import PeopleWriter
from projects.dataset.plans import PlanWriter, plan_specs
from projects.dataset.projects import ProjectWriter
from projects.models import Content, Indicator, Plan, Project
from projects.services import ActivityRule


class Generator(PeopleWriter, EstablishmentWriter, PlanWriter, ProjectWriter):
    """One run: the reference rows, the rows written so far (organisations, users, the
    establishments' pools and names) and the summary, shared by the writers it is made of."""

    def __init__(self, options: Options, log: Callable[[str], None]):
        self.options = options
        self.log = log
        self.summary = Summary()
        self.started = time.perf_counter()
        self.provinces = list(Province.objects.select_related("successor").order_by("-era", "code"))
        wanted = set(options.provinces)
        current = [p for p in self.provinces if p.era != Province.Era.LEGACY]
        unknown = wanted - {p.code for p in current}
        if unknown:
            raise DatasetError(f"No current unit with code {', '.join(sorted(unknown))}.")
        self.units = [p for p in current if not wanted or p.code in wanted]
        unit_ids = {p.pk for p in self.units}
        self.legacy = [
            p for p in self.provinces if p.era == Province.Era.LEGACY and p.successor_id in unit_ids
        ]
        self.communes: dict[int, list[Commune]] = defaultdict(list)
        for commune in Commune.objects.filter(province__in=self.units).order_by("code"):
            self.communes[commune.province_id].append(commune)
        # Rural industry: most establishments are in a xã rather than a phường.
        self.rural = {
            pk: [c for c in communes if c.kind == Commune.Kind.COMMUNE] or communes
            for pk, communes in self.communes.items()
        }
        contents = list(Content.objects.filter(is_active=True).order_by("sort_order", "code"))
        parents = {c.parent_id for c in contents if c.parent_id}
        # Leaf contents, and a group only where it has a profile of its own: 3 and 4 are split
        # entirely into their sub-contents, 2 (training, workshops) only partly (2.1 start-up).
        self.contents = [c for c in contents if c.code in PROFILES or c.pk not in parents]
        self.activity_defaults = ActivityRule.load().defaults
        self.indicators: dict[int, list[Indicator]] = defaultdict(list)
        for indicator in Indicator.objects.prefetch_related("contents").order_by(
            "sort_order", "name"
        ):
            for content in indicator.contents.all():
                self.indicators[content.pk].append(indicator)
        self.writers = dataset_writers()
        self.since = time.perf_counter()

    def step(self, message: str) -> None:
        # With DEBUG on, Django keeps the text of the last 9.000 queries: hundreds of
        # megabytes of INSERT statements here.
        reset_queries()
        now = time.perf_counter()
        self.log(f"{message} ({now - self.since:.1f} s)")
        self.since = now

    def run(self) -> Summary:
        options = self.options
        specs = plan_specs(options, self.provinces)
        unit_ids = {u.pk for u in self.units}
        existing = set(Plan.objects.values_list("province_id", "year"))
        chosen = []
        for spec in specs:
            if spec.unit.pk not in unit_ids or spec.count == 0:
                continue
            if (spec.province.pk, spec.year) in existing:
                self.summary.skipped.append(f"{spec.province.name} {spec.year}")
                continue
            chosen.append(spec)
        with given_timestamps(Plan, Project, Beneficiary):
            self.organisations()
            self.users()
            self.step(
                f"Organisations: {self.summary.organisations} created; users: {self.summary.users}"
            )
            self.beneficiaries(chosen)
            self._load_names()
            plans = self.plans(chosen)
            self.projects(chosen, plans)
        self.summary.seconds = time.perf_counter() - self.started
        return self.summary

    def _load_names(self) -> None:
        self.commune_names = {c.pk: c.name for cs in self.communes.values() for c in cs}
        self.beneficiary_names = {}
        ids = [pk for pool in self.pools.values() for pk, _c, _k in pool.rows]
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            self.beneficiary_names.update(
                Beneficiary.objects.filter(pk__in=chunk).values_list("pk", "name")
            )


def generate(options: Options, *, log: Callable[[str], None] = print) -> Summary:
    """Write the synthetic country described by `options`, all or nothing."""
    if options.scale <= 0:
        raise DatasetError("The scale must be positive.")
    if options.first_year > options.current_year:
        raise DatasetError("The first year comes after the current year.")
    if generated_data_exists():
        raise DatasetError(
            "Generated data exists already: run with --reset to replace it, or --delete."
        )
    with transaction.atomic():
        return Generator(options, log).run()
