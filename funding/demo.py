"""Funding's demo data for `manage.py seed_demo` (found by khuyencong.demo.demo_data_seeders,
after projects' demo: INSTALLED_APPS order): how the demo đề án were carried out, with
contracts, disbursements, acceptances and a settlement fitted to the published figures of
domain/FACTS.md.

- đề án in progress: a contract and an advance of half their approved money;
- accepted đề án: a contract, an advance and a payment disbursing all of it, and a passed
  acceptance whose actual figures are the approved ones (the Sóc Trăng 2023 machinery group:
  2.014,9 triệu = KCQG 900 + counterpart 1.114,9; the 2022 fair: 2.100 = 1.120 + 980; the six
  accepted KCĐP đề án of 2023: 1.961,56 triệu = KCĐP 869,9 + counterpart 1.091,66);
- settled đề án: the same, and a settlement of all that was disbursed.
The article gives the six KCĐP đề án's counterpart as 1.091,7 triệu (rounded): that typed figure
is kept on the plan's record beside the figure the minutes add up to, with the difference.
Records are written directly (past years; the services judge dates and states of today), once:
a đề án that has any contract is left alone.
"""

import datetime

from funding.models import (
    Acceptance,
    AcceptanceParticipation,
    AcceptanceResult,
    Contract,
    Disbursement,
    Settlement,
    Source,
    public_source,
)
from khuyencong.formatting import format_dong
from projects.demo.reference import DemoReference
from projects.models import Plan, PlanEvent, Project, ProjectStatus

CARRIED = (ProjectStatus.IN_PROGRESS, ProjectStatus.ACCEPTED, ProjectStatus.SETTLED)
PUBLISHED_KCDP_COUNTERPART = 1_091_700_000  # as typed in the article (triệu, one decimal)


def _month_end(day: datetime.date) -> datetime.date:
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def seed_implementation(plans: list[Plan], staff_of) -> int:
    """Records for the carried-out đề án of `plans`; returns how many đề án got them."""
    projects = list(
        Project.objects.filter(plan__in=plans, status__in=CARRIED)
        .exclude(contracts__isnull=False)
        .select_related("plan__province")
        .prefetch_related("participations")
        .order_by("pk")
    )
    contracts, disbursements, acceptances, settlements = [], [], [], []
    parts = []
    for project in projects:
        user = staff_of(project)
        source = public_source(project.program)
        public = project.kcqg if source == Source.KCQG else project.kcdp
        start = project.start_month or datetime.date(project.year, 3, 1)
        end = _month_end(project.end_month or datetime.date(project.year, 11, 1))
        contracts.append(
            Contract(
                project=project,
                number=f"{project.sequence:02d}/{project.year}/HĐ-KC",
                date=start,
                party=project.implementing_organisation.name
                if not project.participations.all()
                else project.participations.all()[0].beneficiary.name,
                value=public,
                created_by=user,
            )
        )
        half = public // 2
        disbursements.append(
            Disbursement(
                project=project,
                source=source,
                kind=Disbursement.Kind.ADVANCE,
                date=start + datetime.timedelta(days=14),
                amount=half,
                document_number=f"UNC-{project.year}-{project.pk}-1",
                created_by=user,
            )
        )
        if project.status == ProjectStatus.IN_PROGRESS:
            continue
        disbursements.append(
            Disbursement(
                project=project,
                source=source,
                kind=Disbursement.Kind.PAYMENT,
                date=end,
                amount=public - half,
                document_number=f"UNC-{project.year}-{project.pk}-2",
                created_by=user,
            )
        )
        acceptance = Acceptance(
            project=project,
            date=end,
            place=project.implementing_organisation.name,
            council="Đại diện Sở Công Thương\nĐại diện Trung tâm Khuyến công\nĐại diện cơ sở",
            result=AcceptanceResult.PASSED,
            actual_total=public + project.counterpart + project.other,
            actual_kcqg=project.kcqg,
            actual_kcdp=project.kcdp,
            actual_counterpart=project.counterpart,
            actual_other=project.other,
            remarks="Đạt yêu cầu theo đề án được phê duyệt.",
            blockers=["Biên bản nghiệm thu lưu bản giấy tại Trung tâm."],
            override_reason="Dữ liệu mẫu: biên bản lưu bản giấy, chưa số hóa.",
            created_by=user,
        )
        acceptances.append(acceptance)
        parts += [(acceptance, p) for p in project.participations.all()]
        if project.status == ProjectStatus.SETTLED:
            settlements.append(
                Settlement(
                    project=project,
                    closed_on=end + datetime.timedelta(days=20),
                    amount=public,
                    decision_number=f"{project.sequence:02d}/QĐ-TTKC",
                    decision_date=end + datetime.timedelta(days=30),
                    created_by=user,
                )
            )
    Contract.objects.bulk_create(contracts)
    Disbursement.objects.bulk_create(disbursements)
    Acceptance.objects.bulk_create(acceptances)
    if parts and parts[0][0].pk is None:  # backends that give no ids back
        ids = dict(
            Acceptance.objects.filter(project__in=[a.project for a, _p in parts]).values_list(
                "project_id", "pk"
            )
        )
        for acceptance, _p in parts:
            acceptance.pk = ids[acceptance.project_id]
    AcceptanceParticipation.objects.bulk_create(
        [
            AcceptanceParticipation(
                acceptance_id=a.pk,
                participation=p,
                actual_support=p.support_amount,
                actual_counterpart=p.counterpart_amount,
            )
            for a, p in parts
        ]
    )
    Settlement.objects.bulk_create(settlements)
    return len(projects)


def note_published_figure(plan: Plan, user) -> None:
    """Keep the article's rounded counterpart of the six accepted KCĐP đề án beside the figure
    the minutes add up to: shown, not hidden."""
    if PlanEvent.objects.filter(plan=plan, comment__startswith="Số công bố").exists():
        return
    accepted = Acceptance.objects.filter(
        project__plan=plan, project__program="kcdp", result=AcceptanceResult.PASSED
    )
    counterpart = sum(accepted.values_list("actual_counterpart", flat=True))
    difference = PUBLISHED_KCDP_COUNTERPART - counterpart
    PlanEvent.objects.create(
        plan=plan,
        kind=PlanEvent.Kind.COMMENTED,
        actor=user,
        comment=(
            "Số công bố: 6 đề án KCĐP đã nghiệm thu, đối ứng 1.091,7 triệu đồng (số ghi trong "
            f"bài viết); theo biên bản nghiệm thu: {format_dong(counterpart)}; chênh lệch "
            f"{format_dong(difference)} do làm tròn."
        ),
    )


def seed_demo_data(*, stdout=None) -> int:
    """The records of the approved demo plans' carried-out đề án, written once; returns how many
    đề án got them. Runs after projects' demo data, whose plans it carries out."""
    ref = DemoReference()
    plans = ref.approved_plans()
    done = seed_implementation(plans, ref.staff_of)
    soc_trang_2023 = next((p for p in plans if p.year == 2023 and p.province.code == "94"), None)
    if soc_trang_2023 is not None:
        note_published_figure(soc_trang_2023, ref.staff_of(soc_trang_2023.projects.first()))
    return done
