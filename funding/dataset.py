"""Funding's part of the synthetic country (`manage.py generate_dataset`): the contracts,
disbursements, acceptances and settlements of the generated đề án carried out. Found by
projects.dataset.extensions (projects imports nothing of funding)."""

from __future__ import annotations

import datetime

from django.db.models import Q

from funding.models import (
    Acceptance,
    AcceptanceParticipation,
    Contract,
    Disbursement,
    Settlement,
    public_source,
)
from projects.dataset.bulk import batch_size, delete_rows
from projects.dataset.money import ProjectMoney
from projects.dataset.options import Summary
from projects.models import Project


def write_generated(rows: list[tuple[Project, ProjectMoney]], *, summary: Summary) -> None:
    """Contracts, disbursements, acceptances and settlements of the đề án carried out, in
    bulk and deterministic (drawn from their approved money, no randomness): in progress →
    a contract and an advance of half the public money; accepted → all of it disbursed and
    a passed acceptance at the approved figures; settled → also settled at what was paid."""
    carried = ("in_progress", "accepted", "settled")
    contracts, disbursements, acceptances, settlements = [], [], [], []
    settled = 0
    summary.more.setdefault("disbursed", {})  # by source; the same keys in every summary
    for project, money in rows:
        if project.status not in carried or not money.approved:
            continue
        source = public_source(project.program)
        public = money.approved.get(source, 0)
        if not public:
            continue
        start = project.start_month or datetime.date(project.year, 3, 1)
        end = project.end_month or datetime.date(project.year, 11, 1)
        contracts.append(
            Contract(
                project=project,
                number=f"{project.sequence:03d}/HĐ-KC",
                date=start,
                party=project.implementing_organisation.name,
                value=public,
            )
        )
        half = public // 2
        paid = [half] if project.status == "in_progress" else [half, public - half]
        for index, amount in enumerate(paid):
            disbursements.append(
                Disbursement(
                    project=project,
                    source=source,
                    kind="advance" if index == 0 else "payment",
                    date=start if index == 0 else end,
                    amount=amount,
                    document_number=f"UNC-{project.code}-{index + 1}",
                )
            )
            summary.add("disbursed", amount, source=source)
        if project.status == "in_progress":
            continue
        approved = money.approved
        acceptances.append(
            Acceptance(
                project=project,
                date=end,
                place=project.implementing_organisation.name,
                council="Hội đồng nghiệm thu",
                result="passed",
                actual_total=sum(approved.values()),
                actual_kcqg=approved.get("kcqg", 0),
                actual_kcdp=approved.get("kcdp", 0),
                actual_counterpart=approved.get("counterpart", 0),
                actual_other=approved.get("other", 0),
            )
        )
        if project.status == "settled":
            settlements.append(
                Settlement(
                    project=project,
                    closed_on=end,
                    amount=public,
                    decision_number=f"{project.sequence:03d}/QĐ-QT",
                    decision_date=end,
                )
            )
            settled += public
    for model, objs in (
        (Contract, contracts),
        (Disbursement, disbursements),
        (Acceptance, acceptances),
        (Settlement, settlements),
    ):
        model.objects.bulk_create(objs, batch_size=batch_size(model))
    summary.add("contracts", len(contracts))
    summary.add("acceptances", len(acceptances))
    summary.add("settled", settled)


def delete_generated(*, project_ids) -> None:
    """The records of the generated đề án, children first (a settlement and an acceptance's
    participations before the acceptance)."""
    for model, condition in (
        (Settlement, Q(project_id__in=project_ids)),
        (AcceptanceParticipation, Q(acceptance__project_id__in=project_ids)),
        (Acceptance, Q(project_id__in=project_ids)),
        (Disbursement, Q(project_id__in=project_ids)),
        (Contract, Q(project_id__in=project_ids)),
    ):
        delete_rows(model, condition)
