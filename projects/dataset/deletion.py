"""Finding and deleting what the generator wrote.

Generated = a user named gen.*, and what such a user created: plans and their đề án, đề án
elsewhere, establishments (with whatever refers to them). Organisations stay (reference data)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from beneficiaries.models import Beneficiary, Recognition, Snapshot
from funding.models import Attachment, BudgetLine
from projects.dataset.bulk import delete_rows
from projects.dataset.extensions import dataset_writers
from projects.dataset.options import USER_PREFIX
from projects.models import Participation, Plan, Project, ProjectOutput


def _generated_users():
    return get_user_model().objects.filter(username__startswith=USER_PREFIX)


def generated_data_exists() -> bool:
    users = _generated_users()
    return (
        users.exists()
        or Plan.objects.filter(created_by__in=users).exists()
        or Beneficiary.objects.filter(created_by__in=users).exists()
    )


def delete_generated() -> dict[str, int]:
    """Delete every generated row and its history; organisations stay (reference data).

    Runs as subqueries, children first, each history table before its table: first the records
    the later apps' dataset writers added (they point at đề án), then projects' own."""
    users = _generated_users()
    plans = Plan.objects.filter(created_by__in=users)
    projects = Project.objects.filter(Q(plan__in=plans) | Q(created_by__in=users))
    beneficiaries = Beneficiary.objects.filter(created_by__in=users)
    counts = {
        "plans": plans.count(),
        "projects": projects.count(),
        "beneficiaries": beneficiaries.count(),
        "users": users.count(),
    }
    project_ids, beneficiary_ids = projects.values("pk"), beneficiaries.values("pk")
    with transaction.atomic():
        for writer in dataset_writers():
            writer.delete_generated(project_ids=project_ids)
        for model, condition in (
            (Attachment, Q(project_id__in=project_ids)),
            (BudgetLine, Q(project_id__in=project_ids)),
            (ProjectOutput, Q(project_id__in=project_ids)),
            (Participation, Q(project_id__in=project_ids) | Q(beneficiary_id__in=beneficiary_ids)),
            (Recognition, Q(beneficiary_id__in=beneficiary_ids)),
            (Snapshot, Q(beneficiary_id__in=beneficiary_ids)),
            (Project, Q(id__in=project_ids)),
            (Plan, Q(id__in=plans.values("pk"))),
            (Beneficiary, Q(id__in=beneficiary_ids)),
        ):
            delete_rows(model, condition)
        users.delete()
    return counts
