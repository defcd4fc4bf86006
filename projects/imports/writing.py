"""Writing the checked rows of a đề án spreadsheet, in bulk with history."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from khuyencong.importing.engine import (
    NEW,
    UPDATE,
    ImportContext,
    SourceRow,
)
from khuyencong.scoping import membership_of
from projects import workflow
from projects.imports.columns import BATCH
from projects.models import (
    BudgetLine,
    Participation,
    Plan,
    Project,
)
from projects.services import project_code
from projects.totals import refresh_project_totals


def write_rows(rows: list[SourceRow], context: ImportContext) -> None:
    """Write the checked rows: plans the file needs, the đề án (numbered per plan and
    programme), their budget lines and establishments, in bulk with history; then the money
    stored on each đề án (projects.totals), in the same transaction."""
    user = context.user
    reason = f"import: {context.filename}"[:100]
    history = {"default_user": user, "default_change_reason": reason, "batch_size": BATCH}
    now = timezone.now()
    todo = [row for row in rows if row.outcome in (NEW, UPDATE)]
    if not todo:
        return

    # 1. Plans the file needs and the portal does not have yet.
    new_plans = {}
    for row in todo:
        slot = row.slot
        if not slot.exists and id(slot) not in new_plans:
            plan = slot.plan
            plan.created_by = user
            if slot.historical:
                plan.imported = True
                workflow.apply(plan, "import_approved", user=user, save=False)
            new_plans[id(slot)] = plan
    if new_plans:
        bulk_create_with_history(list(new_plans.values()), Plan, **history)
        for row in todo:
            row.slot.exists = True

    # 2. The đề án: numbered per plan and programme after the highest stored sequence.
    organisation = membership_of(user).organisation
    plan_ids = {row.slot.plan.pk for row in todo}
    last = defaultdict(int)
    for item in (
        Project.objects.filter(plan_id__in=plan_ids)
        .values("plan_id", "program")
        .annotate(top=Max("sequence"))
        .order_by()
    ):
        last[(item["plan_id"], item["program"])] = item["top"] or 0
    created, updated, fields = [], [], set()
    for row in todo:
        plan = row.slot.plan
        changes = row.payload["changes"]
        # The status is the workflow's to set (its "import" step); the rest is written as is.
        values = {name: value for name, value in changes.items() if name != "status"}
        if row.outcome == NEW:
            key = (plan.pk, row.program)
            last[key] += 1
            project = Project(
                plan=plan,
                year=plan.year,  # bulk_create skips save(), which fills it
                program=row.program,
                sequence=last[key],
                implementing_organisation=organisation,
                created_by=user,
                **values,
            )
            project.code = project_code(
                program=row.program, year=plan.year, province=plan.province, sequence=last[key]
            )
            project.refresh_search_fields()
            created.append(project)
            row.project = project
        else:
            project = row.current
            for name, value in values.items():
                setattr(project, name, value)
        if "status" in changes:
            workflow.apply(project, "import", user=user, save=False, status=changes["status"])
        if row.outcome != NEW:
            if changes:
                project.lock_version += 1
                project.updated_at = now
                project.refresh_search_fields()
                fields.update(changes)
                updated.append(project)
            row.project = project
    if created:
        bulk_create_with_history(created, Project, **history)
    if updated:
        bulk_update_with_history(
            updated,
            Project,
            sorted(fields | {"lock_version", "updated_at", "search_text"}),
            **history,
        )

    # 3. Budget lines and establishments.
    new_lines, changed_lines, gone = [], [], []
    new_people = []
    for row in todo:
        project = row.project
        approved = row.slot.historical
        stored = row.payload["stored_lines"]
        for source, amount in row.payload["lines"].items():
            line = stored.get(source)
            if line is None:
                new_lines.append(
                    BudgetLine(
                        project=project,
                        source=source,
                        proposed=amount,
                        approved=amount if approved else None,
                    )
                )
            elif line.amount != amount:
                line.proposed = amount
                line.approved = amount if approved else None
                changed_lines.append(line)
        gone += [
            line
            for source, line in stored.items()
            if source not in row.payload["lines"] and line.amount
        ]
        people = row.payload["people"]
        if people is not None:
            kept = {p.beneficiary_id for p in people}
            gone += [
                p for p in row.payload["stored_people"].values() if p.beneficiary_id not in kept
            ]
            for person in people:
                if person.pk is None:
                    person.project = project
                    new_people.append(person)
    for obj in gone:
        # Rare (a corrected file dropping a source or an establishment): each deletion is
        # saved on its own so the history records it.
        obj._history_user = user
        obj._change_reason = reason
        obj.delete()
    if new_lines:
        bulk_create_with_history(new_lines, BudgetLine, **history)
    if changed_lines:
        bulk_update_with_history(changed_lines, BudgetLine, ["proposed", "approved"], **history)
    if new_people:
        bulk_create_with_history(new_people, Participation, **history)
    # The money stored on each đề án, in the same transaction (projects.totals).
    refresh_project_totals([row.project.pk for row in todo])
