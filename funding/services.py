"""Carrying out an approved đề án: contracts, disbursements, acceptance, settlement, documents.

One function per step: check the role, lock the đề án row (select_for_update), check its state
and the money rules under the lock, write, record a PlanEvent, notify; one transaction. Errors:
- PermissionDenied (403): not the centre, or the đề án is settled (read-only for everyone);
- StateChanged (409): the đề án is no longer in a state that allows the step (someone else acted);
- ValidationError (400): bad input or a money rule broken (nothing is written);
- Blocked (400): an acceptance with blockers and no written reason to override them.

Rules:
- only on approved đề án (approved, in progress, accepted) of approved plans;
- the disbursed sum per source (KCQG / KCĐP) never exceeds the approved amount of that source,
  checked under the row lock so two clerks recording at once cannot overshoot together;
- a disbursement is never edited or deleted: a reversal entry with a reason corrects it;
- statuses: approved → in_progress on the first contract; → accepted on a passed acceptance;
  → settled after the settlement. A stopped đề án keeps what was disbursed and may still be
  settled for the money spent (it stays stopped, and read-only once settled);
- settled ≤ disbursed ≤ approved.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from funding.models import (
    PUBLIC_SOURCES,
    Acceptance,
    AcceptanceParticipation,
    AcceptanceResult,
    Attachment,
    BudgetLine,
    Contract,
    Disbursement,
    Settlement,
    Source,
)
from khuyencong.formatting import format_dong
from khuyencong.notifications import notify
from khuyencong.scoping import can_edit
from khuyencong.uploads import ATTACHMENT_KINDS, check_document, document_name, private_name
from projects.models import (
    Participation,
    Plan,
    PlanEvent,
    PlanStatus,
    Project,
    ProjectOutput,
    ProjectStatus,
)
from projects.review import StateChanged, centre_of, project_url, reviewers_of

# Plans whose đề án may be carried out (an approved plan being adjusted is still approved).
IMPLEMENTABLE_PLAN_STATUSES = frozenset({PlanStatus.APPROVED, PlanStatus.ADJUSTING})
# Đề án on which contracts and disbursements are recorded.
OPEN_STATUSES = frozenset(
    {ProjectStatus.APPROVED, ProjectStatus.IN_PROGRESS, ProjectStatus.ACCEPTED}
)
ACCEPTABLE_STATUSES = frozenset({ProjectStatus.APPROVED, ProjectStatus.IN_PROGRESS})
SETTLEABLE_STATUSES = frozenset({ProjectStatus.ACCEPTED, ProjectStatus.STOPPED})


class Blocked(Exception):
    """An acceptance refused for its blockers (no override reason given)."""

    def __init__(self, blockers: list[str]):
        super().__init__("blocked")
        self.blockers = blockers


# --- Shared steps --------------------------------------------------------------------------------


def is_settled(project: Project) -> bool:
    """A settled đề án (or a stopped one settled for its money) is read-only for everyone."""
    return (
        project.status == ProjectStatus.SETTLED
        or Settlement.objects.filter(project_id=project.pk).exists()
    )


def _lock(user, project: Project, allowed, what: str) -> Project:
    if not can_edit(user):
        raise PermissionDenied(_("Only the centre records how a project is carried out."))
    project = (
        Project.objects.select_for_update().select_related("plan__province").get(pk=project.pk)
    )
    if is_settled(project):
        raise PermissionDenied(_("This project is settled: it can no longer be changed."))
    if project.plan.status not in IMPLEMENTABLE_PLAN_STATUSES:
        raise StateChanged(_("The project's plan is not approved."))
    if project.status not in allowed:
        raise StateChanged(
            what
            + " "
            + _("The project is now %(status)s.") % {"status": project.get_status_display().lower()}
        )
    return project


def _event(project: Project, user, comment: str, **fields) -> PlanEvent:
    return PlanEvent.objects.create(
        plan_id=project.plan_id,
        project=project,
        kind=PlanEvent.Kind.COMMENTED,
        actor=user,
        comment=comment,
        **fields,
    )


def _set_status(project: Project, user, status: str, reason: str) -> None:
    project.status = status
    project._history_user = user
    project._change_reason = reason[:100]
    project.save()


def _check_date(value, label: str) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise ValidationError(_("Give the %(what)s as dd/mm/yyyy.") % {"what": label}, code="date")
    if value > timezone.localdate():
        raise ValidationError(
            _("The %(what)s cannot be in the future.") % {"what": label}, code="date"
        )
    return value


def _text(value: str, message: str, code: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message, code=code)
    return value


def _positive(value, label: str) -> int:
    if not isinstance(value, int) or value <= 0:
        raise ValidationError(
            _("The %(what)s is a whole number of đồng above 0.") % {"what": label}, code="amount"
        )
    return value


def approved_by_source(project: Project) -> dict[str, int]:
    """Approved amount of each budget line (proposed where no approved amount is set)."""
    return {line.source: line.amount for line in BudgetLine.objects.filter(project=project)}


def disbursed_by_source(project: Project) -> dict[str, int]:
    """Net disbursed per source (reversals are negative entries): one query."""
    rows = (
        Disbursement.objects.filter(project=project)
        .values("source")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {row["source"]: int(row["total"] or 0) for row in rows}


def _store(upload, *, user, plan: Plan, project: Project | None, kind: str) -> Attachment:
    """Check an upload by content and size and keep it in private storage."""
    file_kind = check_document(upload, kinds=ATTACHMENT_KINDS)
    if kind not in Attachment.Kind.values:
        raise ValidationError(_("Choose the kind of document."), code="kind")
    attachment = Attachment(
        plan=plan,
        project=project,
        kind=kind,
        original_name=document_name(upload.name, file_kind),
        size=upload.size,
        uploaded_by=user,
    )
    attachment.file.save(private_name(file_kind), upload, save=False)
    attachment.save()
    return attachment


# --- Documents -----------------------------------------------------------------------------------


def attachment_add(*, user, project: Project, kind: str, upload) -> Attachment:
    """Attach a document (type judged by content, ≤ 20 MB) to a đề án that is not settled."""
    with transaction.atomic():
        project = _lock(
            user,
            project,
            OPEN_STATUSES | {ProjectStatus.PROPOSED, ProjectStatus.STOPPED},
            _("Documents are attached to an open project."),
        )
        attachment = _store(upload, user=user, plan=project.plan, project=project, kind=kind)
        _event(project, user, _("Document attached: %(name)s") % {"name": attachment.original_name})
    return attachment


# --- Contracts -----------------------------------------------------------------------------------


def contract_add(
    *, user, project: Project, number: str, date, party: str, value: int, upload=None
) -> Contract:
    """Record a contract; the first one moves an approved đề án to in progress."""
    number = _text(number, _("Give the contract number."), "number")
    party = _text(party, _("Give the other party of the contract."), "party")
    _check_date(date, _("contract date"))
    _positive(value, _("contract value"))
    with transaction.atomic():
        project = _lock(
            user, project, OPEN_STATUSES, _("Contracts are recorded on approved projects.")
        )
        contract = Contract.objects.create(
            project=project, number=number, date=date, party=party, value=value, created_by=user
        )
        if upload is not None:
            _store(upload, user=user, plan=project.plan, project=project, kind="contract")
        if project.status == ProjectStatus.APPROVED:
            _set_status(project, user, ProjectStatus.IN_PROGRESS, _("First contract recorded"))
        _event(
            project,
            user,
            _("Contract %(number)s with %(party)s, %(value)s")
            % {
                "number": number,
                "party": party,
                "value": format_dong(value),
            },
        )
    return contract


# --- Disbursements -------------------------------------------------------------------------------


def disbursement_record(
    *,
    user,
    project: Project,
    source: str,
    kind: str,
    date,
    amount: int,
    document_number: str,
    note: str = "",
) -> Disbursement:
    """Record a disbursement: the sum per source stays ≤ the approved amount of that source,
    judged under the đề án's row lock."""
    if source not in {s.value for s in PUBLIC_SOURCES}:
        raise ValidationError(_("The source is KCQG or KCĐP."), code="source")
    if kind not in Disbursement.Kind.values:
        raise ValidationError(_("The kind is an advance or a payment."), code="kind")
    _check_date(date, _("disbursement date"))
    _positive(amount, _("amount"))
    document_number = _text(document_number, _("Give the document number."), "document_number")
    with transaction.atomic():
        project = _lock(
            user, project, OPEN_STATUSES, _("Disbursements are recorded on approved projects.")
        )
        approved = approved_by_source(project).get(source, 0)
        already = disbursed_by_source(project).get(source, 0)
        if already + amount > approved:
            raise ValidationError(
                _(
                    "This disbursement would bring %(source)s money to %(after)s, above the "
                    "approved %(approved)s (already disbursed %(already)s; at most %(left)s more)."
                )
                % {
                    "source": Source(source).label,
                    "after": format_dong(already + amount),
                    "approved": format_dong(approved),
                    "already": format_dong(already),
                    "left": format_dong(max(0, approved - already)),
                },
                code="above_approved",
            )
        disbursement = Disbursement.objects.create(
            project=project,
            source=source,
            kind=kind,
            date=date,
            amount=amount,
            document_number=document_number,
            note=(note or "").strip(),
            created_by=user,
        )
    return disbursement


def disbursement_reverse(*, user, disbursement: Disbursement, reason: str) -> Disbursement:
    """Correct a recorded disbursement by a reversal entry with a reason (never an edit)."""
    reason = _text(reason, _("Give the reason for the reversal."), "reason")
    with transaction.atomic():
        _lock(
            user,
            disbursement.project,
            OPEN_STATUSES | {ProjectStatus.STOPPED},
            _("Disbursements are corrected on open projects."),
        )
        original = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
        if original.is_reversal:
            raise ValidationError(_("A reversal entry cannot itself be reversed."))
        if Disbursement.objects.filter(reverses=original).exists():
            raise StateChanged(_("This disbursement was already reversed."))
        reversal = Disbursement.objects.create(
            project_id=original.project_id,
            source=original.source,
            kind=original.kind,
            date=timezone.localdate(),
            amount=-original.amount,
            document_number=original.document_number,
            reverses=original,
            reason=reason,
            created_by=user,
        )
    return reversal


# --- Acceptance ----------------------------------------------------------------------------------


@dataclass
class AcceptanceInput:
    date: datetime.date | None
    place: str
    council: str
    result: str
    actual_total: int
    actual_kcqg: int = 0
    actual_kcdp: int = 0
    actual_counterpart: int = 0
    actual_other: int = 0
    remarks: str = ""
    redo: str = ""
    override_reason: str = ""
    # {ProjectOutput id: actual}; {Participation id: (actual support, actual counterpart)}
    outputs: dict[int, int | None] = field(default_factory=dict)
    establishments: dict[int, tuple[int, int]] = field(default_factory=dict)
    minutes: object = None  # an upload
    minutes_attachment: Attachment | None = None


def acceptance_blockers(project: Project, data: AcceptanceInput) -> list[str]:
    """What should stop an acceptance from being saved (a written reason may override them):
    disbursed above approved, no minutes file, an output without its actual figure, actual
    support above approved, establishments' actuals that do not add up. A fixed number of
    queries."""
    blockers = []
    approved = approved_by_source(project)
    disbursed = disbursed_by_source(project)
    labels = dict(Source.choices)
    for source in PUBLIC_SOURCES:
        if disbursed.get(source, 0) > approved.get(source, 0):
            blockers.append(
                _("%(source)s disbursed (%(disbursed)s) is above the approved %(approved)s.")
                % {
                    "source": labels[source],
                    "disbursed": format_dong(disbursed.get(source, 0)),
                    "approved": format_dong(approved.get(source, 0)),
                }
            )
    if data.minutes is None and data.minutes_attachment is None:
        blockers.append(_("No acceptance minutes file is attached."))
    if data.result == AcceptanceResult.PASSED:
        for output in ProjectOutput.objects.filter(project=project).select_related("indicator"):
            if data.outputs.get(output.pk) is None:
                blockers.append(
                    _("Output “%(indicator)s” has no actual figure.")
                    % {"indicator": output.indicator.name}
                )
    for source, actual in ((Source.KCQG, data.actual_kcqg), (Source.KCDP, data.actual_kcdp)):
        if actual > approved.get(source, 0):
            blockers.append(
                _("Actual %(source)s support (%(actual)s) is above the approved %(approved)s.")
                % {
                    "source": labels[source],
                    "actual": format_dong(actual),
                    "approved": format_dong(approved.get(source, 0)),
                }
            )
    if data.establishments:
        support = sum(s for s, _c in data.establishments.values())
        counterpart = sum(c for _s, c in data.establishments.values())
        public = data.actual_kcqg + data.actual_kcdp
        if support != public or counterpart != data.actual_counterpart:
            blockers.append(
                _(
                    "The establishments' actual figures (support %(support)s, counterpart "
                    "%(counterpart)s) do not add up to the đề án's (support %(public)s, "
                    "counterpart %(actual_counterpart)s)."
                )
                % {
                    "support": format_dong(support),
                    "counterpart": format_dong(counterpart),
                    "public": format_dong(public),
                    "actual_counterpart": format_dong(data.actual_counterpart),
                }
            )
    return blockers


def acceptance_record(*, user, project: Project, data: AcceptanceInput) -> Acceptance:
    """Record the acceptance. Blockers refuse it unless a written reason overrides them (kept on
    the record). Passed → the đề án is accepted and its outputs carry the actual figures;
    failed → what must be redone is recorded and the đề án stays open."""
    _check_date(data.date, _("acceptance date"))
    place = _text(data.place, _("Give the place of the acceptance."), "place")
    council = _text(data.council, _("Name the council members, one per line."), "council")
    if data.result not in AcceptanceResult.values:
        raise ValidationError(_("Choose the result: passed or failed."), code="result")
    if data.result == AcceptanceResult.FAILED:
        _text(data.redo, _("Say what must be redone."), "redo")
    for value in (
        data.actual_total,
        data.actual_kcqg,
        data.actual_kcdp,
        data.actual_counterpart,
        data.actual_other,
    ):
        if not isinstance(value, int) or value < 0:
            raise ValidationError(_("Amounts are whole đồng, 0 or more."), code="amount")
    override = (data.override_reason or "").strip()
    try:
        with transaction.atomic():
            project = _lock(
                user,
                project,
                ACCEPTABLE_STATUSES,
                _("An acceptance is recorded on a project being carried out."),
            )
            outputs = {o.pk: o for o in ProjectOutput.objects.filter(project=project)}
            parts = set(Participation.objects.filter(project=project).values_list("pk", flat=True))
            if set(data.outputs) - set(outputs) or set(data.establishments) - parts:
                raise ValidationError(_("An actual figure names a row of another project."))
            blockers = acceptance_blockers(project, data)
            if blockers and not override:
                raise Blocked(blockers)
            minutes = data.minutes_attachment
            if data.minutes is not None:
                minutes = _store(
                    data.minutes, user=user, plan=project.plan, project=project, kind="minutes"
                )
            acceptance = Acceptance.objects.create(
                project=project,
                date=data.date,
                place=place,
                council=council,
                result=data.result,
                actual_total=data.actual_total,
                actual_kcqg=data.actual_kcqg,
                actual_kcdp=data.actual_kcdp,
                actual_counterpart=data.actual_counterpart,
                actual_other=data.actual_other,
                remarks=(data.remarks or "").strip(),
                redo=(data.redo or "").strip(),
                blockers=blockers,
                override_reason=override if blockers else "",
                minutes=minutes,
                created_by=user,
            )
            AcceptanceParticipation.objects.bulk_create(
                [
                    AcceptanceParticipation(
                        acceptance=acceptance,
                        participation_id=pk,
                        actual_support=support,
                        actual_counterpart=counterpart,
                    )
                    for pk, (support, counterpart) in sorted(data.establishments.items())
                ]
            )
            if acceptance.passed:
                changed = []
                for pk, output in outputs.items():
                    actual = data.outputs.get(pk)
                    if actual is not None and output.actual != actual:
                        output.actual = actual
                        output._history_user = user
                        output.save()
                        changed.append(output)
                _set_status(project, user, ProjectStatus.ACCEPTED, _("Accepted"))
                text = _("Project %(code)s was accepted (%(date)s).")
            else:
                text = _("Project %(code)s failed its acceptance (%(date)s): it stays open.")
            text = text % {"code": project.code, "date": data.date.strftime("%d/%m/%Y")}
            _event(project, user, text + (" " + override if blockers else ""))
            notify(recipients=reviewers_of(project.plan), text=text, url=project_url(project))
    except IntegrityError:
        # Another acceptance was saved first (one passed acceptance per đề án).
        raise StateChanged(_("This project was accepted meanwhile.")) from None
    return acceptance


# --- Settlement ----------------------------------------------------------------------------------


def settlement_record(
    *,
    user,
    project: Project,
    closed_on,
    amount: int,
    decision_number: str,
    decision_date,
    upload=None,
) -> Settlement:
    """Close out and settle an accepted đề án (or a stopped one, for the money spent):
    settled ≤ disbursed ≤ approved. The đề án becomes read-only for everyone."""
    _check_date(closed_on, _("close-out date"))
    _check_date(decision_date, _("settlement decision date"))
    decision_number = _text(
        decision_number, _("Give the number of the settlement decision."), "decision_number"
    )
    if not isinstance(amount, int) or amount < 0:
        raise ValidationError(_("Amounts are whole đồng, 0 or more."), code="amount")
    try:
        with transaction.atomic():
            project = _lock(
                user,
                project,
                SETTLEABLE_STATUSES,
                _("A project is settled once accepted (or stopped)."),
            )
            disbursed = sum(disbursed_by_source(project).values())
            approved = approved_by_source(project)
            public_approved = sum(approved.get(s, 0) for s in PUBLIC_SOURCES)
            if disbursed > public_approved:
                raise ValidationError(
                    _("Disbursed money (%(disbursed)s) is above the approved %(approved)s.")
                    % {
                        "disbursed": format_dong(disbursed),
                        "approved": format_dong(public_approved),
                    }
                )
            if amount > disbursed:
                raise ValidationError(
                    _(
                        "The settled amount (%(amount)s) cannot be above the disbursed "
                        "%(disbursed)s."
                    )
                    % {"amount": format_dong(amount), "disbursed": format_dong(disbursed)},
                    code="above_disbursed",
                )
            settlement = Settlement.objects.create(
                project=project,
                closed_on=closed_on,
                amount=amount,
                decision_number=decision_number,
                decision_date=decision_date,
                created_by=user,
            )
            if upload is not None:
                _store(upload, user=user, plan=project.plan, project=project, kind="settlement")
            if project.status == ProjectStatus.ACCEPTED:
                _set_status(project, user, ProjectStatus.SETTLED, _("Settled"))
            text = _("Project %(code)s was settled: %(amount)s (decision %(number)s).") % {
                "code": project.code,
                "amount": format_dong(amount),
                "number": decision_number,
            }
            _event(
                project, user, text, decision_number=decision_number, decision_date=decision_date
            )
            notify(
                recipients=[*reviewers_of(project.plan), *centre_of(project.plan)],
                text=text,
                url=project_url(project),
            )
    except IntegrityError:
        raise StateChanged(_("This project was settled meanwhile.")) from None
    return settlement


# --- What the user may do now (asked by the views and templates) ---------------------------------


@dataclass(frozen=True)
class ImplementationActions:
    contract: bool
    disburse: bool
    accept: bool
    settle: bool
    attach: bool

    @property
    def any(self) -> bool:
        return self.contract or self.disburse or self.accept or self.settle or self.attach


def implementation_actions(user, project: Project, *, settled: bool) -> ImplementationActions:
    """The same checks as the services (bar the money), for showing the controls."""
    open_plan = project.plan.status in IMPLEMENTABLE_PLAN_STATUSES
    ok = can_edit(user) and not settled and open_plan
    return ImplementationActions(
        contract=ok and project.status in OPEN_STATUSES,
        disburse=ok and project.status in OPEN_STATUSES,
        accept=ok and project.status in ACCEPTABLE_STATUSES,
        settle=ok and project.status in SETTLEABLE_STATUSES,
        attach=can_edit(user) and not settled and project.status != ProjectStatus.REJECTED,
    )
