"""The event log of plans and đề án: every step of the review, of an adjustment and of the
carrying out is one PlanEvent (who, when, the comment or reason, the decision), shown on the plan
page and on each đề án's dossier. Written only through `log` and `log_project_step`."""

from projects.models import Plan, PlanEvent, Project


def log(plan: Plan, kind: str, user, **fields) -> PlanEvent:
    """One step of the plan (`project=` or `adjustment=` when it is about one of them)."""
    return PlanEvent.objects.create(plan=plan, kind=kind, actor=user, **fields)


def log_project_step(project: Project, user, comment: str, **fields) -> PlanEvent:
    """A step of carrying out a đề án (a contract, an acceptance, a document...), told in
    `comment`."""
    return PlanEvent.objects.create(
        plan_id=project.plan_id,
        project=project,
        kind=PlanEvent.Kind.COMMENTED,
        actor=user,
        comment=comment,
        **fields,
    )
