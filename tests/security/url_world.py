"""The records every URL of the portal can be opened on, all in Cần Thơ, and the identities that
open them (tests/security/test_url_matrix.py)."""

import uuid

from django.core.files.uploadedfile import SimpleUploadedFile

from funding import services as funding_services
from khuyencong.models import ExportJob, ImportBatch, Notification
from projects import adjustments
from projects.models import AdjustmentItem, Program, Project
from tests.factories import BeneficiaryFactory, PlanFactory, ProjectFactory, UserFactory
from tests.funding.impl_world import approved_project, contract, disburse
from tests.projects.review_world import approved_plan, submitted_plan

# Cần Thơ owns every record; Phú Thọ's people must never learn they exist.
IDENTITIES = [
    "cantho.center_staff",
    "cantho.center_head",
    "cantho.department_reviewer",
    "phutho.center_staff",
    "phutho.department_reviewer",
    "ministry",
    "admin",
    "anonymous",
]


def user_of(world, identity, admin):
    if identity == "anonymous":
        return None
    if identity == "ministry":
        return world.ministry
    if identity == "admin":
        return admin
    side, role = identity.split(".")
    return getattr(getattr(world, side), role)


def build(world) -> dict:
    """Records for every kind of URL parameter; returns {placeholder: value}."""
    side = world.cantho
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    draft = PlanFactory(province=side.province, year=2027)
    draft_project = ProjectFactory(plan=draft, implementing_organisation=side.centre)
    submitted = submitted_plan(side, year=2026)
    submitted_project = submitted.projects.first()
    approved = approved_plan(side, year=2025)
    kcqg_waiting = approved.projects.filter(program=Program.KCQG).first()
    project = approved_project(side, year=2024)
    contract(side, project)
    disbursement = disburse(side, project, 10_000_000)
    attachment = funding_services.attachment_add(
        user=side.center_staff,
        project=project,
        kind="estimate",
        upload=SimpleUploadedFile("du-toan.pdf", b"%PDF-1.7\n1 0 obj\n"),
    )
    adjustment = adjustments.adjustment_open(
        user=side.center_staff, plan=project.plan, reason="Ngừng một đề án."
    )
    item = adjustments.adjustment_item_save(
        user=side.center_staff,
        adjustment=adjustment,
        kind=AdjustmentItem.Kind.STOP,
        project=project,
        reason="Không còn nhu cầu",
    )
    job = ExportJob.objects.create(user=side.center_staff, name="projects", fmt="xlsx")
    batch = ImportBatch.objects.create(
        id=uuid.uuid4(), user=side.center_staff, kind="projects", filename="x.xlsx", path="x"
    )
    Notification.objects.create(recipient=side.center_staff, text="Kế hoạch đã duyệt")
    return {
        "admin": admin,
        "beneficiary": BeneficiaryFactory(province=side.province).pk,
        "draft_plan": draft.pk,
        "draft_project": draft_project.pk,
        "submitted_plan": submitted.pk,
        "submitted_project": submitted_project.pk,
        "approved_plan": approved.pk,
        "kcqg_waiting": kcqg_waiting.pk,
        "project": project.pk,
        "disbursement": disbursement.pk,
        "attachment": attachment.pk,
        "adjustment": adjustment.pk,
        "item": item.pk,
        "job": job.pk,
        "batch": batch.pk,
        "staff_member": side.center_staff.pk,
        "other_project": Project.objects.exclude(plan__province=side.province)
        .values_list("pk", flat=True)
        .first(),
    }
