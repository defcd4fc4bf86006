"""Approved đề án ready to be carried out: helpers shared by the implementation tests."""

import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F

from funding import services
from funding.services import AcceptanceInput
from projects import review
from projects.models import BudgetLine, PlanStatus, Program, Project, ProjectStatus
from tests.factories import PlanFactory, ProjectFactory, add_budget, add_output, add_participant
from tests.factories import content as content_of
from tests.projects.review_world import DECISION_DATE

DAY = datetime.date(2026, 3, 10)


def pdf(name="bien-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.7\n1 0 obj\n", content_type="application/pdf")


def xlsx(name="du-toan.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def approved_project(side, *, kcdp=100_000_000, counterpart=50_000_000, year=2026) -> Project:
    """A KCĐP đề án (content 3.2, one establishment, one output) of an approved plan."""
    plan = PlanFactory(province=side.province, year=year)
    project = ProjectFactory(plan=plan, program=Program.KCDP, content=content_of("3.2"))
    add_budget(project, kcdp=kcdp, counterpart=counterpart)
    add_participant(project, support=kcdp, counterpart=counterpart)
    add_output(project, planned=2)
    if plan.status == PlanStatus.APPROVED:  # a further đề án of a plan approved already
        BudgetLine.objects.filter(project=project).update(approved=F("proposed"))
        Project.objects.filter(pk=project.pk).update(status=ProjectStatus.APPROVED)
        project.refresh_from_db()
        return project
    review.plan_submit(user=side.center_head, plan=plan)
    review.plan_approve(
        user=side.department_reviewer,
        plan=plan,
        decision_number="123/QĐ-UBND",
        decision_date=DECISION_DATE,
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED
    return project


def contract(side, project, value=100_000_000):
    return services.contract_add(
        user=side.center_staff,
        project=project,
        number="01/HĐ",
        date=DAY,
        party="Công ty TNHH Cơ khí Tân Thành",
        value=value,
    )


def disburse(side, project, amount, source="kcdp", kind="payment", number="UNC-01"):
    return services.disbursement_record(
        user=side.center_staff,
        project=project,
        source=source,
        kind=kind,
        date=DAY,
        amount=amount,
        document_number=number,
    )


def acceptance_input(project, **overrides) -> AcceptanceInput:
    """A passed acceptance with every figure filled in from what was approved."""
    outputs = {o.pk: o.planned for o in project.outputs.all()}
    parts = {p.pk: (p.support_amount, p.counterpart_amount) for p in project.participations.all()}
    values = dict(
        date=DAY,
        place="Trụ sở Trung tâm",
        council="Ông A\nBà B",
        result="passed",
        actual_total=project.kcdp + project.counterpart,
        actual_kcdp=project.kcdp,
        actual_counterpart=project.counterpart,
        outputs=outputs,
        establishments=parts,
        minutes=pdf(),
    )
    values.update(overrides)
    return AcceptanceInput(**values)


def accept(side, project, **overrides):
    return services.acceptance_record(
        user=side.center_staff, project=project, data=acceptance_input(project, **overrides)
    )


def settle(side, project, amount):
    return services.settlement_record(
        user=side.center_staff,
        project=project,
        closed_on=DAY,
        amount=amount,
        decision_number="99/QĐ-TTKC",
        decision_date=DAY,
    )


def carried_out(side, **kwargs) -> Project:
    """Contract, full disbursement, passed acceptance."""
    project = approved_project(side, **kwargs)
    contract(side, project)
    disburse(side, project, project.kcdp)
    accept(side, project)
    project.refresh_from_db()
    return project
