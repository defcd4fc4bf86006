"""The acceptance (nghiệm thu) of a đề án: its council, result and actual figures, and what
blocks it."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from funding.models import Acceptance, AcceptanceParticipation, AcceptanceResult
from funding.services.common import approved_by_source, disbursed_by_source, lock_for_step
from khuyencong.checks import require_amounts, require_past_date, require_text
from khuyencong.errors import DomainError, StateChanged
from khuyencong.formatting import format_dong
from khuyencong.notifications import notify
from projects import workflow
from projects.documents import attachment_store
from projects.events import log_project_step
from projects.models import (
    PUBLIC_SOURCES,
    Attachment,
    Participation,
    Project,
    ProjectOutput,
    Source,
)
from projects.recipients import project_url, reviewers_of


class Blocked(DomainError):
    """An acceptance refused for its blockers (no override reason given): 400."""

    def __init__(self, blockers: list[str]):
        super().__init__(
            _(
                "The acceptance is not saved: resolve what is listed below, or give a written "
                "reason to save it anyway (the reason stays on the record)."
            )
        )
        self.blockers = blockers


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
    require_past_date(data.date, _("acceptance date"))
    place = require_text(data.place, _("Give the place of the acceptance."), "place")
    council = require_text(data.council, _("Name the council members, one per line."), "council")
    if data.result not in AcceptanceResult.values:
        raise ValidationError(_("Choose the result: passed or failed."), code="result")
    if data.result == AcceptanceResult.FAILED:
        require_text(data.redo, _("Say what must be redone."), "redo")
    require_amounts(
        data.actual_total,
        data.actual_kcqg,
        data.actual_kcdp,
        data.actual_counterpart,
        data.actual_other,
    )
    override = (data.override_reason or "").strip()
    try:
        with transaction.atomic():
            project = lock_for_step(user, project, "record_acceptance")
            outputs = {o.pk: o for o in ProjectOutput.objects.filter(project=project)}
            parts = set(Participation.objects.filter(project=project).values_list("pk", flat=True))
            if set(data.outputs) - set(outputs) or set(data.establishments) - parts:
                raise ValidationError(_("An actual figure names a row of another project."))
            blockers = acceptance_blockers(project, data)
            if blockers and not override:
                raise Blocked(blockers)
            minutes = data.minutes_attachment
            if data.minutes is not None:
                minutes = attachment_store(
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
                workflow.apply(
                    project, "record_acceptance", user=user, reason=_("Accepted"), passed=True
                )
                text = _("Project %(code)s was accepted (%(date)s).")
            else:
                text = _("Project %(code)s failed its acceptance (%(date)s): it stays open.")
            text = text % {"code": project.code, "date": data.date.strftime("%d/%m/%Y")}
            log_project_step(project, user, text + (" " + override if blockers else ""))
            notify(recipients=reviewers_of(project.plan), text=text, url=project_url(project))
    except IntegrityError:
        # Another acceptance was saved first (one passed acceptance per đề án).
        raise StateChanged(_("This project was accepted meanwhile.")) from None
    return acceptance
