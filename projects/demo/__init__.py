"""Demo plans, đề án and establishments for `manage.py seed_demo` (DEBUG only).

The Sóc Trăng figures are the ones of domain/FACTS.md; every other amount is invented but kept
plausible (whole thousands of đồng, within the support caps of Circular 28/2018/TT-BTC).

How the published figures were fitted together:

- The Sóc Trăng 2023 plan: 18 đề án. KCQG: 2 đề án, 2.620.000.000 đ KCQG and 3.422.200.000 đ
  counterpart; KCĐP: 16 đề án, 2.250.000.000 đ KCĐP and 1.978.092.000 đ counterpart.
- The accepted KCQG group đề án (machinery for food processing: 900.000.000 + 1.114.900.000 =
  2.014.900.000 đ) and the fair đề án (1.120.000.000 + 980.000.000 = 2.100.000.000 đ) cannot
  both be the two KCQG đề án of 2023: 900 + 1.120 = 2.020 triệu, not 2.620. The article quotes
  them side by side, but they may come from different years. The plan totals are kept exact:
  the machinery group is the first KCQG đề án of 2023, and the second carries the remainder
  (KCQG 1.720.000.000, counterpart 2.307.300.000, a second machinery group of six
  establishments). The fair goes in the Sóc Trăng 2022 plan.
- Six KCĐP đề án accepted: the article gives a total of 1.961,56 triệu, KCĐP 869,9 and
  counterpart 1.091,7, and 869,9 + 1.091,7 = 1.961,6, not 1.961,56. The total is the most
  precise figure. The counterpart of the six is therefore 1.091.660.000 đ, which rounds to
  the published 1.091,7 triệu. Then all three published figures hold: KCĐP 869.900.000 +
  counterpart 1.091.660.000 = 1.961.560.000. The other way (keep 1.091.700.000) would make
  the total false by 40.000.000 đ.

Keys that make seeding again create nothing new: a plan by (province, year), a đề án by its code,
an establishment by its tax code or else by (name, province), a recognition by (establishment,
product, level, year), yearly figures by (establishment, year). Rows are created with the ORM
directly: project_save refuses approved plans, and these plans are history. Every row gets a
history entry by the staff user of the centre that now keeps the province's records.

The data: plans.py (plans and đề án), establishments.py (with recognitions and yearly figures);
the rows looked up: reference.py. How the approved đề án were carried out is funding's demo data
(funding/demo.py), which seed_demo runs after this one.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from beneficiaries.models import Beneficiary, Recognition, Snapshot
from beneficiaries.taxcode import check_digit
from funding.models import BudgetLine, Source, public_source
from khuyencong.models import Province
from projects.demo.establishments import ESTABLISHMENTS, RECOGNITIONS, SNAPSHOTS
from projects.demo.plans import (
    CURRENT,
    KCDP,
    KCQG,
    LAO_CAI_2025,
    OBJECTIVES,
    PHU_THO_2026,
    PLANS,
    SOC_TRANG_2023,
    SOC_TRANG_2023_ADJUSTMENT,
    Dean,
    PlanSpec,
)
from projects.demo.reference import DemoReference
from projects.models import (
    Adjustment,
    AdjustmentItem,
    AdjustmentStatus,
    Participation,
    Plan,
    PlanEvent,
    PlanStatus,
    Project,
    ProjectOutput,
    ProjectVersion,
)
from projects.project_states import project_states
from projects.review import authority_name
from projects.services import project_code
from projects.totals import refresh_project_totals


@dataclass
class DemoCounts:
    plans: int = 0
    projects: int = 0
    beneficiaries: int = 0
    recognitions: int = 0
    snapshots: int = 0


def tax_code(first9: str) -> str:
    """A valid 10-digit tax code from its first nine digits (never one whose check gives 10)."""
    digit = check_digit(first9)
    if digit == 10:
        raise ValueError(f"{first9}: the check digit formula gives 10; pick other digits.")
    return f"{first9}{digit}"


def _seed_beneficiaries(ref: DemoReference, counts: DemoCounts) -> dict[str, Beneficiary]:
    codes = {key: tax_code(est.tax9) for key, est in ESTABLISHMENTS.items() if est.tax9}
    by_tax = {b.tax_code: b for b in Beneficiary.objects.filter(tax_code__in=codes.values())}
    by_name = {
        (b.name, b.province_id): b
        for b in Beneficiary.objects.filter(
            name__in=[est.name for est in ESTABLISHMENTS.values()], province__era=CURRENT
        )
    }
    result = {}
    for key, est in ESTABLISHMENTS.items():
        unit = ref.provinces[(CURRENT, est.unit)]
        found = by_tax.get(codes.get(key)) or by_name.get((est.name, unit.pk))
        if found is None:
            found = Beneficiary(
                name=est.name,
                kind=est.kind,
                tax_code=codes.get(key),
                representative=est.representative,
                province=unit,
                commune=ref.commune(unit, est.commune),
                street_address=_sentence_case(est.old_address.split(", ")[0]),
                old_address=est.old_address,
                product_group=est.group,
                products=est.products,
                employees=est.employees,
                revenue=est.revenue,
                craft_village=est.craft_village,
                women_owned=est.women_owned,
                ethnic_minority=est.ethnic_minority,
                ocop_stars=est.ocop_stars,
                created_by=ref.staff.get(est.unit),
            )
            found._history_user = ref.staff.get(est.unit)
            found.save()
            counts.beneficiaries += 1
        result[key] = found
    return result


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def _seed_plan(spec: PlanSpec, ref, beneficiaries, existing_codes, counts) -> None:
    province = ref.provinces[(spec.era, spec.code)]
    unit = ref.unit(province)
    staff = ref.staff.get(unit.code)
    plan = Plan.objects.filter(province=province, year=spec.year).first()
    if plan is None:
        plan = Plan(province=province, year=spec.year, status=spec.status, created_by=staff)
        if spec.decision:
            plan.decision_number, plan.decision_date = spec.decision
            plan.submitted_at = _aware(plan.decision_date - datetime.timedelta(days=30))
            plan.approved_at = _aware(plan.decision_date)
            plan.approving_authority = province.local_plan_approver
        elif spec.status == PlanStatus.SUBMITTED:
            plan.submitted_at = timezone.now() - datetime.timedelta(days=3)
        plan._history_user = staff
        plan.save()
        counts.plans += 1
    elif plan.status != spec.status:
        return  # someone has moved this plan on: leave it as they left it
    approved = plan.status == PlanStatus.APPROVED
    lines, participations, outputs = [], [], []
    sequences = defaultdict(int)
    for dean in spec.deans:
        sequences[dean.program] += 1
        sequence = sequences[dean.program]
        code = project_code(
            program=dean.program, year=spec.year, province=province, sequence=sequence
        )
        if code in existing_codes:
            continue
        _check_groups_add_up(code, dean)
        start, end = dean.months
        project = Project(
            plan=plan,
            code=code,
            sequence=sequence,
            title=dean.title,
            program=dean.program,
            content=ref.contents[dean.content],
            activity_id=ref.activity_rule.defaults.get(ref.contents[dean.content].pk),
            is_pilot=dean.pilot,
            implementing_organisation=ref.centres[unit.pk],
            commune=ref.commune(unit, dean.commune),
            start_month=datetime.date(spec.year, start, 1),
            end_month=datetime.date(spec.year, end, 1),
            objectives=OBJECTIVES.get(dean.content, ""),
            status=dean.status,
            created_by=staff,
        )
        project._history_user = staff
        project.save()
        counts.projects += 1
        public = public_source(dean.program)
        for source, amount in ((public, dean.public), (Source.COUNTERPART, dean.counterpart)):
            if amount:
                lines.append(
                    BudgetLine(
                        project=project,
                        source=source,
                        proposed=amount,
                        approved=amount if approved else None,
                    )
                )
        participations += [
            Participation(
                project=project,
                beneficiary=beneficiaries[part.est],
                support_amount=part.support,
                counterpart_amount=part.counterpart,
            )
            for part in dean.parts
        ]
        outputs += [
            ProjectOutput(
                project=project,
                indicator=ref.indicators[out.indicator],
                planned=out.planned,
                actual=out.actual,
            )
            for out in dean.outputs
        ]
    for model, rows in (
        (BudgetLine, lines),
        (Participation, participations),
        (ProjectOutput, outputs),
    ):
        if rows:
            bulk_create_with_history(rows, model, default_user=staff)
    refresh_project_totals({line.project_id for line in lines})


def _head(ref: DemoReference, unit: Province):
    return (
        get_user_model()
        .objects.filter(membership__role="center_head", membership__organisation__province=unit)
        .first()
    )


def _reviewer(ref: DemoReference, unit: Province):
    return (
        get_user_model()
        .objects.filter(
            membership__role="department_reviewer", membership__organisation__province=unit
        )
        .first()
    )


def _seed_review(ref: DemoReference) -> None:
    """The review steps of the demo plans, each written once: the approvals (with their approved
    versions), the Sóc Trăng 2023 adjustment, the Phú Thọ 2026 submission."""
    for spec in (SOC_TRANG_2023, LAO_CAI_2025, PHU_THO_2026):
        province = ref.provinces[(spec.era, spec.code)]
        plan = (
            Plan.objects.select_related("province")
            .filter(province=province, year=spec.year)
            .first()
        )
        if plan is None or PlanEvent.objects.filter(plan=plan).exists():
            continue
        unit = ref.unit(province)
        head, reviewer = _head(ref, unit), _reviewer(ref, unit)
        PlanEvent.objects.create(
            plan=plan, kind=PlanEvent.Kind.SUBMITTED, actor=head, created_at=plan.submitted_at
        )
        if spec.status != PlanStatus.APPROVED:
            continue
        number, day = spec.decision
        PlanEvent.objects.create(
            plan=plan,
            kind=PlanEvent.Kind.APPROVED,
            actor=reviewer,
            created_at=plan.approved_at,
            decision_number=number,
            decision_date=day,
            authority=authority_name(plan),
        )
        projects = list(
            Project.objects.filter(plan=plan).exclude(program="kcqg", status="awaiting_ministry")
        )
        states = project_states(projects)
        if spec is SOC_TRANG_2023:
            _seed_soc_trang_adjustment(plan, projects, states, reviewer, head)
        ProjectVersion.objects.bulk_create(
            ProjectVersion(
                project=p,
                plan_version=1,
                data=states[p.pk],
                decision_number=number,
                decision_date=day,
            )
            for p in projects
        )


def _seed_soc_trang_adjustment(plan, projects, states, reviewer, head) -> None:
    """Version 1 carried the fair at its first approved amount; adjustment no. 2 brought it to
    the published one. `states` (the approved state of version 1) is corrected in place."""
    spec = SOC_TRANG_2023_ADJUSTMENT
    fair = next(
        p for p in projects if p.program == "kcdp" and p.sequence == spec["project_sequence"]
    )
    current = project_states([fair])[fair.pk]
    for row in states[fair.pk]["budget"]:
        if row["source"] == Source.KCDP:
            row["proposed"] = row["approved"] = spec["kcdp_before"]
    number, day = spec["decision"]
    adjustment = Adjustment.objects.create(
        plan=plan,
        number=2,
        reason=spec["reason"],
        status=AdjustmentStatus.APPROVED,
        opened_by=head,
        opened_at=_aware(day - datetime.timedelta(days=20)),
        submitted_at=_aware(day - datetime.timedelta(days=14)),
        decided_at=_aware(day),
        decision_number=number,
        decision_date=day,
    )
    proposed = {**current, "budget": [{**row, "approved": None} for row in current["budget"]]}
    AdjustmentItem.objects.create(
        adjustment=adjustment,
        kind=AdjustmentItem.Kind.CHANGE,
        project=fair,
        program=fair.program,
        title=fair.title,
        proposed=proposed,
        status=AdjustmentItem.Status.APPLIED,
    )
    for kind, actor, moment, extra in (
        (PlanEvent.Kind.ADJUSTMENT_OPENED, head, adjustment.opened_at, {"comment": spec["reason"]}),
        (PlanEvent.Kind.ADJUSTMENT_SUBMITTED, head, adjustment.submitted_at, {}),
        (
            PlanEvent.Kind.ADJUSTMENT_APPROVED,
            reviewer,
            adjustment.decided_at,
            {"decision_number": number, "decision_date": day, "authority": authority_name(plan)},
        ),
    ):
        PlanEvent.objects.create(
            plan=plan, adjustment=adjustment, kind=kind, actor=actor, created_at=moment, **extra
        )
    ProjectVersion.objects.create(
        project=fair, plan_version=2, data=current, decision_number=number, decision_date=day
    )
    Plan.objects.filter(pk=plan.pk).update(version=2)


def _check_groups_add_up(code: str, dean: Dean) -> None:
    """The establishments' money of a đề án adds up to its budget lines."""
    if not dean.parts:
        return
    support = sum(part.support for part in dean.parts)
    counterpart = sum(part.counterpart for part in dean.parts)
    if (support, counterpart) != (dean.public, dean.counterpart):
        raise ValueError(f"{code}: establishments add up to {support} + {counterpart}.")


def _seed_recognitions(ref, beneficiaries, counts) -> None:
    ids = [beneficiaries[key].pk for key, *_ in RECOGNITIONS]
    existing = set(
        Recognition.objects.filter(beneficiary_id__in=ids).values_list(
            "beneficiary_id", "product", "level", "year"
        )
    )
    new = []
    for key, product, level, year in RECOGNITIONS:
        beneficiary = beneficiaries[key]
        if (beneficiary.pk, product, level, year) not in existing:
            new.append(
                Recognition(beneficiary=beneficiary, product=product, level=level, year=year)
            )
    if new:
        bulk_create_with_history(new, Recognition, default_user=ref.staff.get("92"))
    counts.recognitions += len(new)


def _seed_snapshots(ref, beneficiaries, counts) -> None:
    ids = [beneficiaries[key].pk for key in SNAPSHOTS]
    existing = set(
        Snapshot.objects.filter(beneficiary_id__in=ids).values_list("beneficiary_id", "year")
    )
    new = [
        Snapshot(
            beneficiary=beneficiaries[key],
            year=year,
            revenue=revenue,
            employees=employees,
            capacity=capacity,
        )
        for key, rows in SNAPSHOTS.items()
        for year, revenue, employees, capacity in rows
        if (beneficiaries[key].pk, year) not in existing
    ]
    if new:
        bulk_create_with_history(new, Snapshot, default_user=ref.staff.get("92"))
    counts.snapshots += len(new)


def seed_demo_data(*, stdout=None) -> DemoCounts:
    """Create the demo plans, đề án, establishments, recognitions and yearly figures that are
    missing; what exists already (matched on the keys in the module docstring) is left alone."""
    ref = DemoReference()
    counts = DemoCounts()
    beneficiaries = _seed_beneficiaries(ref, counts)
    all_codes = [
        project_code(
            program=program,
            year=spec.year,
            province=ref.provinces[(spec.era, spec.code)],
            sequence=sequence,
        )
        for spec in PLANS
        for program in (KCQG, KCDP)
        for sequence in range(1, 1 + sum(d.program == program for d in spec.deans))
    ]
    existing_codes = set(Project.objects.filter(code__in=all_codes).values_list("code", flat=True))
    for spec in PLANS:
        _seed_plan(spec, ref, beneficiaries, existing_codes, counts)
    _seed_review(ref)
    _seed_recognitions(ref, beneficiaries, counts)
    _seed_snapshots(ref, beneficiaries, counts)
    if stdout is not None:
        stdout.write(
            f"Demo data: {counts.plans} plans, {counts.projects} projects, "
            f"{counts.beneficiaries} beneficiaries, {counts.recognitions} recognitions, "
            f"{counts.snapshots} yearly figures created ({len(all_codes)} demo projects in all)."
        )
    return counts
