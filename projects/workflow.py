"""The lifecycle of plans, đề án and adjustments, in one table.

What is here:
- the statuses of each object (the models take their choices from here) and the named groups of
  statuses every other module asks about (`*_STATUSES`);
- `TRANSITIONS`: (object kind, action) → who may act (roles), the states it may be taken from,
  the state it leads to, and the conditions it needs;
- `require(user, obj, action)`: the check a service makes under its row lock. Raises
  PermissionDenied (403) for the wrong role or a record locked for everyone, StateChanged (409)
  when the object is no longer in a state the action is taken from or a condition fails;
- `require_right(user, obj, action)`: only the 403 part, for a view to ask before it reads a form;
- `available(user, obj)`: the actions the user may take now, for the buttons of a page: it asks
  the same checks as `require`, so a button and its service never disagree;
- `apply(obj, action, user=...)`: the one function that changes a status (outside the models and
  the job runner): sets it, names the user and the reason in the history, saves.

Conditions are functions of the object and its facts returning the reason for a refusal, or
None. A fact a condition needs that the object cannot tell itself (is the đề án settled? does
the plan have an open adjustment?) comes from the caller when it already knows it
(`available(user, project, settled=...)`, no query), else from the provider registered for it
(`register_fact`; funding registers `settled`), so `require` under the lock always asks the
database. This module imports no model: it reads the objects it is given.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from khuyencong.errors import StateChanged
from khuyencong.scoping import (
    EDITOR_ROLES,
    MINISTRY_ROLES,
    REVIEWER_ROLES,
    SUBMITTER_ROLES,
    role_of,
)

# --- The statuses ------------------------------------------------------------------------------


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    ADJUSTING = "adjusting", _("Being adjusted")


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    IN_PROGRESS = "in_progress", _("In progress")
    ACCEPTED = "accepted", _("Accepted")
    SETTLED = "settled", _("Settled")
    STOPPED = "stopped", _("Stopped")
    REJECTED = "rejected", _("Rejected")
    AWAITING_MINISTRY = "awaiting_ministry", _("Awaiting the ministry")


class AdjustmentStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")


class AdjustmentItemStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    AWAITING_MINISTRY = "awaiting_ministry", _("Awaiting the ministry")
    APPLIED = "applied", _("Applied")
    REJECTED = "rejected", _("Rejected by the ministry")


# --- The groups of statuses --------------------------------------------------------------------

P, S = PlanStatus, ProjectStatus

# Plans whose đề án the centre edits.
EDITABLE_PLAN_STATUSES = frozenset({P.DRAFT, P.RETURNED})
# Approved plans (one being adjusted is still approved): their đề án are carried out.
IMPLEMENTABLE_PLAN_STATUSES = frozenset({P.APPROVED, P.ADJUSTING})

# Đề án that keep their record but count in no number of đề án and no total.
INACTIVE_PROJECT_STATUSES = frozenset({S.STOPPED, S.REJECTED})
# Đề án counted in a plan's totals.
COUNTED_PROJECT_STATUSES = frozenset(set(S) - INACTIVE_PROJECT_STATUSES)
# Đề án that never were part of the plan (a stopped one was, and a report may list it).
NOT_IN_PLAN_STATUSES = frozenset({S.REJECTED})
# Approved or later: their approved money is the plan being carried out.
APPROVED_PROJECT_STATUSES = frozenset({S.APPROVED, S.IN_PROGRESS, S.ACCEPTED, S.SETTLED})
# Not (yet) approved: no approval step in their timeline.
UNAPPROVED_PROJECT_STATUSES = frozenset({S.PROPOSED, S.REJECTED, S.AWAITING_MINISTRY})
# Open for implementation: contracts and disbursements are recorded on them.
OPEN_PROJECT_STATUSES = frozenset({S.APPROVED, S.IN_PROGRESS, S.ACCEPTED})
# Being carried out and not accepted yet: an acceptance is recorded on them (and they are late
# once past their end month).
ACCEPTABLE_PROJECT_STATUSES = frozenset({S.APPROVED, S.IN_PROGRESS})
# Settled once accepted, or for the money spent once stopped.
SETTLEABLE_PROJECT_STATUSES = frozenset({S.ACCEPTED, S.STOPPED})
# Done: their approved amounts count as accepted.
DONE_PROJECT_STATUSES = frozenset({S.ACCEPTED, S.SETTLED})
# What an adjustment may change or stop.
ADJUSTABLE_PROJECT_STATUSES = frozenset({S.PROPOSED, S.APPROVED, S.IN_PROGRESS, S.ACCEPTED})
# What a spreadsheet of a past year may say a đề án is (empty: approved).
IMPORTED_PROJECT_STATUSES = frozenset({S.APPROVED, S.IN_PROGRESS, S.ACCEPTED, S.SETTLED, S.STOPPED})

OPEN_ADJUSTMENT_STATUSES = frozenset(
    {AdjustmentStatus.DRAFT, AdjustmentStatus.SUBMITTED, AdjustmentStatus.RETURNED}
)
EDITABLE_ADJUSTMENT_STATUSES = frozenset({AdjustmentStatus.DRAFT, AdjustmentStatus.RETURNED})


# --- The machinery -----------------------------------------------------------------------------

PLAN, PROJECT, ADJUSTMENT, ITEM = "plan", "project", "adjustment", "adjustmentitem"

# Who holds each right is the core's (khuyencong.scoping): the table says which right an action
# needs.
EDITORS = EDITOR_ROLES
HEADS = SUBMITTER_ROLES
REVIEWERS = REVIEWER_ROLES
MINISTRY = MINISTRY_ROLES

Message = Callable[[object], str]
Check = Callable[[object, "Facts"], str | None]


@dataclass(frozen=True)
class Transition:
    """One action on one kind of object.

    `from_states` None: taken from any state. `to` a status, None (no change), or a function of
    the object and its facts (a target that depends on them). `guards` refuse with 403 (a record
    locked for everyone), `conditions` with 409; both run after the role and in their order.
    An `effect` is a step of another action (the đề án approved with their plan), never offered
    as a button.
    """

    kind: str
    action: str
    roles: frozenset
    forbidden: Message
    from_states: frozenset | None = None
    to: str | Callable | None = None
    refused: Message | None = None
    guards: tuple[Check, ...] = ()
    conditions: tuple[Check, ...] = ()
    effect: bool = False

    def target(self, obj, facts) -> str | None:
        return self.to(obj, facts) if callable(self.to) else self.to


TRANSITIONS: dict[tuple[str, str], Transition] = {}
_FACTS: dict[tuple[str, str], Callable] = {}


def kind_of(obj) -> str:
    return obj._meta.model_name


def register_fact(kind: str, name: str, provider: Callable) -> None:
    """How to learn `name` about an object of `kind` when the caller does not say it (a later
    app registers the facts about its own rows in its AppConfig.ready())."""
    _FACTS[(kind, name)] = provider


class Facts:
    """What the conditions know about an object: given by the caller, else asked once."""

    def __init__(self, obj, given: dict):
        self._obj = obj
        self._known = dict(given)

    def __getattr__(self, name):
        known = self.__dict__["_known"]
        if name not in known:
            obj = self.__dict__["_obj"]
            provider = _FACTS.get((kind_of(obj), name))
            if provider is None:
                raise AttributeError(f"No fact {name!r} about a {kind_of(obj)}")
            known[name] = provider(obj)
        return known[name]


def transition(kind: str, action: str) -> Transition:
    return TRANSITIONS[(kind, action)]


def _refusal(user, obj, t: Transition, facts: Facts, *, state: bool = True):
    """The error `require` raises, or None when the user may take the action now."""
    if role_of(user) not in t.roles:
        return PermissionDenied(t.forbidden(obj))
    for guard in t.guards:
        message = guard(obj, facts)
        if message:
            return PermissionDenied(message)
    if not state:
        return None
    if t.from_states is not None and obj.status not in t.from_states:
        return StateChanged(t.refused(obj))
    for condition in t.conditions:
        message = condition(obj, facts)
        if message:
            return StateChanged(message)
    return None


def require(user, obj, action: str, **facts) -> Transition:
    """Refuse the action (403 or 409) unless the user may take it on `obj` now."""
    t = transition(kind_of(obj), action)
    error = _refusal(user, obj, t, Facts(obj, facts))
    if error is not None:
        raise error
    return t


def require_right(user, obj, action: str, **facts) -> Transition:
    """Refuse with 403 a user who may never take the action here (the wrong role, a record locked
    for everyone), whatever its state: what a view asks before it reads the form."""
    t = transition(kind_of(obj), action)
    error = _refusal(user, obj, t, Facts(obj, facts), state=False)
    if error is not None:
        raise error
    return t


class Actions:
    """The actions a user may take on an object now, asked one by one (and once each) by the
    page: `actions.submit` in a template, `"submit" in actions` in Python."""

    def __init__(self, user, obj, facts: dict):
        self._user, self._obj = user, obj
        self._facts = Facts(obj, facts)
        self._kind = kind_of(obj)
        self._known: dict[str, bool] = {}

    def __contains__(self, action: str) -> bool:
        if action not in self._known:
            t = TRANSITIONS.get((self._kind, action))
            self._known[action] = (
                t is not None
                and not t.effect
                and _refusal(self._user, self._obj, t, self._facts) is None
            )
        return self._known[action]

    __getitem__ = __contains__

    def __iter__(self):
        return iter(sorted(a for (k, a), t in TRANSITIONS.items() if k == self._kind and a in self))

    def __bool__(self) -> bool:
        return any(True for _action in self)

    def __repr__(self) -> str:
        return f"<Actions {list(self)}>"


def available(user, obj, **facts) -> Actions:
    """What `user` may do with `obj` now, by the same checks as `require`."""
    return Actions(user, obj, facts)


def apply(obj, action: str, *, user, reason: str = "", save: bool = True, **facts):
    """Take the action's step: check the state (the caller holds the lock and has asked
    `require`), set the status the table gives, name the user and the reason in the history,
    save (or leave the saving to a caller writing in bulk). No step when the target is None."""
    t = transition(kind_of(obj), action)
    if t.from_states is not None and obj.status not in t.from_states:
        raise StateChanged(t.refused(obj))
    target = t.target(obj, Facts(obj, facts))
    if target is None:
        return obj
    obj.status = target
    obj._history_user = user
    if reason:
        obj._change_reason = reason[:100]
    if save:
        obj.save()
    return obj


def _add(*transitions: Transition) -> None:
    for t in transitions:
        TRANSITIONS[(t.kind, t.action)] = t


# --- Messages and conditions --------------------------------------------------------------------


def _say(message) -> Message:
    return lambda obj: str(message)


def _status_of(obj) -> str:
    return obj.get_status_display().lower()


def _with_status(message) -> Message:
    """A message naming the object's status: "... it is now %(status)s"."""
    return lambda obj: str(message) % {"status": _status_of(obj)}


def _plan_of(obj):
    return obj if kind_of(obj) == PLAN else obj.plan


def _plan_now(message) -> Message:
    return lambda obj: (
        str(message)
        + " "
        + _("The plan is now %(status)s.") % {"status": _status_of(_plan_of(obj))}
    )


def _project_now(message) -> Message:
    return lambda obj: (
        str(message) + " " + _("The project is now %(status)s.") % {"status": _status_of(obj)}
    )


def plan_editable(obj, facts) -> str | None:
    """The plan (of the đề án) is in draft or returned."""
    plan = _plan_of(obj)
    if plan.status in EDITABLE_PLAN_STATUSES:
        return None
    return _("The %(year)s plan is %(status)s: it can be changed only in draft or returned.") % {
        "year": plan.year,
        "status": _status_of(plan),
    }


def _plan_under_review(message) -> Check:
    def check(obj, facts):
        return None if _plan_of(obj).status == P.SUBMITTED else _plan_now(message)(obj)

    return check


def no_open_adjustment(plan, facts) -> str | None:
    return _("This plan already has an open adjustment.") if facts.open_adjustment else None


def plan_implementable(project, facts) -> str | None:
    if project.plan.status in IMPLEMENTABLE_PLAN_STATUSES:
        return None
    return _("The project's plan is not approved.")


def not_settled(project, facts) -> str | None:
    """A settled đề án (or a stopped one settled for its money) is read-only for everyone."""
    if project.status == S.SETTLED or facts.settled:
        return _("This project is settled: it can no longer be changed.")
    return None


def _open_adjustment(plan) -> bool:
    return plan.adjustments.filter(status__in=list(OPEN_ADJUSTMENT_STATUSES)).exists()


register_fact(PLAN, "open_adjustment", _open_adjustment)


# --- The table ---------------------------------------------------------------------------------
# One row per (kind, action): roles, who else is refused (message), from-states, to-state, the
# message of a refusal for the state, then guards (403) and conditions (409). `effect=True`: a
# step of another action. Written as a table, one row to a few lines.

_CENTRE_WRITES = _say(_("Only the centre's staff can change plans and projects."))
_REVIEWS_PROJECT = _say(_("Only the department's reviewer reviews a project."))
_APPROVES_PLAN = _say(_("Only the department's reviewer approves a plan."))
_APPROVES_ADJUSTMENT = _say(_("Only the department's reviewer approves an adjustment."))
_MINISTRY_APPROVES = _say(_("Only the ministry approves KCQG projects."))
_MINISTRY_REJECTS = _say(_("Only the ministry rejects KCQG projects."))
_IMPORTS = _say(_("Only the centre's staff can import projects."))
_CARRIES_OUT = _say(_("Only the centre records how a project is carried out."))
_PREPARES = _say(_("Only the centre prepares an adjustment."))
_PLAN_IS_NOW = _with_status(_("The plan is now %(status)s."))
_PROJECT_IS_NOW = _with_status(_("The project is now %(status)s."))
_AWAITS_NO_MORE = _with_status(
    _("This project no longer awaits the ministry: it is now %(status)s.")
)
_ADJUSTMENT_LOCKED = _with_status(
    _("The adjustment is %(status)s: it can be changed only while prepared or returned.")
)
_ITEM_IS_NOW = _with_status(_("The change is %(status)s."))
_COMMENTED_IN_REVIEW = _plan_under_review(_("Comments are made while the plan is under review."))
_REJECTED_IN_REVIEW = _plan_under_review(_("A project is rejected while the plan is under review."))
_AMOUNTS_IN_REVIEW = _plan_under_review(
    _("Approved amounts are set while the plan is under review.")
)
_CARRYING = {"guards": (not_settled,), "conditions": (plan_implementable,)}
_SUBMITTED, _AWAITING = frozenset({P.SUBMITTED}), frozenset({S.AWAITING_MINISTRY})
I = AdjustmentItemStatus  # noqa: E741


def _restored(project, facts):
    """Back to the status it had before the ministry (approved when unknown)."""
    return facts.previous_status or S.APPROVED


# fmt: off
_add(
    # The plan: draft → submitted → approved, submitted → returned → submitted, approved →
    # adjusting → approved (its adjustment approved); a past year's plan imported as approved.
    Transition(PLAN, "edit", EDITORS, _CENTRE_WRITES, guards=(plan_editable,)),
    Transition(
        PLAN, "submit", HEADS, _say(_("Only the centre head submits the plan.")),
        EDITABLE_PLAN_STATUSES, P.SUBMITTED,
        _plan_now(_("Only a draft or returned plan can be submitted.")),
    ),
    Transition(
        PLAN, "return", REVIEWERS, _say(_("Only the department's reviewer returns a plan.")),
        _SUBMITTED, P.RETURNED, _plan_now(_("Only a submitted plan can be returned.")),
    ),
    Transition(
        PLAN, "approve", REVIEWERS, _APPROVES_PLAN,
        _SUBMITTED, P.APPROVED, _plan_now(_("Only a submitted plan can be approved.")),
    ),
    Transition(
        PLAN, "open_adjustment", EDITORS, _say(_("Only the centre asks for an adjustment.")),
        frozenset({P.APPROVED}), P.ADJUSTING,
        _with_status(_("Only an approved plan can be adjusted; this one is %(status)s.")),
        conditions=(no_open_adjustment,),
    ),
    Transition(
        PLAN, "close_adjustment", REVIEWERS, _APPROVES_ADJUSTMENT,
        frozenset({P.ADJUSTING}), P.APPROVED, _PLAN_IS_NOW, effect=True,
    ),
    Transition(
        PLAN, "import_approved", EDITORS, _IMPORTS,
        frozenset({P.DRAFT}), P.APPROVED, _PLAN_IS_NOW, effect=True,
    ),
)
_add(
    # A đề án under the Sở's review (its plan submitted), approved with its plan (KCĐP) or by
    # the ministry after it (KCQG), stopped by an adjustment, or as a spreadsheet gives it.
    Transition(PROJECT, "edit", EDITORS, _CENTRE_WRITES, guards=(plan_editable,)),
    Transition(PROJECT, "comment", REVIEWERS, _REVIEWS_PROJECT, conditions=(_COMMENTED_IN_REVIEW,)),
    Transition(
        PROJECT, "reject", REVIEWERS, _REVIEWS_PROJECT,
        COUNTED_PROJECT_STATUSES, S.REJECTED, _say(_("This project is already rejected.")),
        conditions=(_REJECTED_IN_REVIEW,),
    ),
    Transition(
        PROJECT, "set_amounts", REVIEWERS,
        _say(_("Only the department's reviewer sets approved amounts.")),
        COUNTED_PROJECT_STATUSES, None, _say(_("A rejected project has no approved amounts.")),
        conditions=(_AMOUNTS_IN_REVIEW,),
    ),
    Transition(
        PROJECT, "approve", REVIEWERS, _APPROVES_PLAN,
        COUNTED_PROJECT_STATUSES, S.APPROVED, _PROJECT_IS_NOW, effect=True,
    ),
    Transition(
        PROJECT, "send_to_ministry", REVIEWERS, _APPROVES_PLAN,
        COUNTED_PROJECT_STATUSES, S.AWAITING_MINISTRY, _PROJECT_IS_NOW, effect=True,
    ),
    Transition(
        PROJECT, "ministry_approve", MINISTRY, _MINISTRY_APPROVES,
        _AWAITING, S.APPROVED, _AWAITS_NO_MORE,
    ),
    Transition(
        PROJECT, "ministry_reject", MINISTRY, _MINISTRY_REJECTS,
        _AWAITING, S.REJECTED, _AWAITS_NO_MORE,
    ),
    Transition(
        PROJECT, "ministry_restore", MINISTRY, _MINISTRY_APPROVES,
        _AWAITING, _restored, _AWAITS_NO_MORE, effect=True,
    ),
    Transition(
        PROJECT, "stop", REVIEWERS | MINISTRY, _APPROVES_ADJUSTMENT,
        COUNTED_PROJECT_STATUSES, S.STOPPED, _PROJECT_IS_NOW, effect=True,
    ),
    Transition(
        PROJECT, "import", EDITORS, _IMPORTS,
        None, lambda project, facts: facts.status, effect=True,
    ),
)
_add(
    # Carrying out an approved đề án (funding.services): approved → in progress (first
    # contract) → accepted (a passed acceptance) → settled. A stopped đề án may be settled for
    # the money spent; it stays stopped. Settled: read-only for everyone.
    Transition(
        PROJECT, "record_contract", EDITORS, _CARRIES_OUT,
        OPEN_PROJECT_STATUSES,
        lambda project, facts: S.IN_PROGRESS if project.status == S.APPROVED else None,
        _project_now(_("Contracts are recorded on approved projects.")), **_CARRYING,
    ),
    Transition(
        PROJECT, "disburse", EDITORS, _CARRIES_OUT,
        OPEN_PROJECT_STATUSES, None,
        _project_now(_("Disbursements are recorded on approved projects.")), **_CARRYING,
    ),
    Transition(
        PROJECT, "reverse_disbursement", EDITORS, _CARRIES_OUT,
        OPEN_PROJECT_STATUSES | {S.STOPPED}, None,
        _project_now(_("Disbursements are corrected on open projects.")), **_CARRYING,
    ),
    Transition(
        PROJECT, "record_acceptance", EDITORS, _CARRIES_OUT,
        ACCEPTABLE_PROJECT_STATUSES, lambda project, facts: S.ACCEPTED if facts.passed else None,
        _project_now(_("An acceptance is recorded on a project being carried out.")),
        **_CARRYING,
    ),
    Transition(
        PROJECT, "record_settlement", EDITORS, _CARRIES_OUT,
        SETTLEABLE_PROJECT_STATUSES,
        lambda project, facts: S.SETTLED if project.status == S.ACCEPTED else None,
        _project_now(_("A project is settled once accepted (or stopped).")), **_CARRYING,
    ),
    Transition(
        PROJECT, "attach", EDITORS, _CARRIES_OUT,
        OPEN_PROJECT_STATUSES | {S.PROPOSED, S.STOPPED}, None,
        _project_now(_("Documents are attached to an open project.")), **_CARRYING,
    ),
)
_add(
    # An adjustment: draft → submitted → approved, submitted → returned → submitted.
    Transition(
        ADJUSTMENT, "edit", EDITORS, _PREPARES,
        EDITABLE_ADJUSTMENT_STATUSES, None, _ADJUSTMENT_LOCKED,
    ),
    Transition(
        ADJUSTMENT, "submit", HEADS, _say(_("Only the centre head submits an adjustment.")),
        EDITABLE_ADJUSTMENT_STATUSES, AdjustmentStatus.SUBMITTED, _ADJUSTMENT_LOCKED,
    ),
    Transition(
        ADJUSTMENT, "return", REVIEWERS,
        _say(_("Only the department's reviewer returns an adjustment.")),
        frozenset({AdjustmentStatus.SUBMITTED}), AdjustmentStatus.RETURNED,
        _say(_("Only a submitted adjustment can be returned.")),
    ),
    Transition(
        ADJUSTMENT, "approve", REVIEWERS, _APPROVES_ADJUSTMENT,
        frozenset({AdjustmentStatus.SUBMITTED}), AdjustmentStatus.APPROVED,
        _say(_("Only a submitted adjustment can be approved.")),
    ),
    # An item of an approved adjustment: applied (KCĐP at once, KCQG once the ministry agrees)
    # or refused by the ministry.
    Transition(
        ITEM, "apply", REVIEWERS | MINISTRY, _APPROVES_ADJUSTMENT,
        frozenset({I.PENDING, I.AWAITING_MINISTRY}), I.APPLIED, _ITEM_IS_NOW, effect=True,
    ),
    Transition(
        ITEM, "send_to_ministry", REVIEWERS, _APPROVES_ADJUSTMENT,
        frozenset({I.PENDING}), I.AWAITING_MINISTRY, _ITEM_IS_NOW, effect=True,
    ),
    Transition(
        ITEM, "ministry_reject", MINISTRY, _MINISTRY_REJECTS,
        frozenset({I.AWAITING_MINISTRY}), I.REJECTED, _ITEM_IS_NOW, effect=True,
    ),
)
# fmt: on
