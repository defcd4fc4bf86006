"""Adjustments of an approved plan and the changes each one asks for."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models.plans import Plan
from projects.models.projects import Project
from projects.models.sources import Program
from projects.workflow import (
    EDITABLE_ADJUSTMENT_STATUSES,
    OPEN_ADJUSTMENT_STATUSES,
    AdjustmentItemStatus,
    AdjustmentStatus,
)


class Adjustment(models.Model):
    """An adjustment of an approved plan (điều chỉnh, bổ sung, ngừng triển khai đề án): a reason,
    items, and its own approval. One open at a time per plan."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="adjustments")
    number = models.PositiveIntegerField(_("plan version it makes"))
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=12, choices=AdjustmentStatus.choices, default=AdjustmentStatus.DRAFT
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_file = models.FileField(_("decision file"), upload_to="decisions/", blank=True)

    class Meta:
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")
        ordering = ["plan", "-number"]
        constraints = [
            # Only one open adjustment per plan, guarded by the database too.
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(
                    status__in=[
                        AdjustmentStatus.DRAFT.value,
                        AdjustmentStatus.SUBMITTED.value,
                        AdjustmentStatus.RETURNED.value,
                    ]
                ),
                name="adjustment_one_open_per_plan",
            )
        ]

    def __str__(self):
        return _("Adjustment no. %(number)s of %(plan)s") % {
            "number": self.number,
            "plan": self.plan,
        }

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ADJUSTMENT_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_ADJUSTMENT_STATUSES


class AdjustmentItem(models.Model):
    """One change an adjustment asks for: change a đề án, add one, or stop one. `proposed` holds
    the đề án's state as asked (projects.state.ProjectState's JSON; empty for a stop)."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("Change (điều chỉnh)")
        ADD = "add", _("Add (bổ sung)")
        STOP = "stop", _("Stop (ngừng triển khai)")

    Status = AdjustmentItemStatus

    adjustment = models.ForeignKey(Adjustment, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.PROTECT, related_name="adjustment_items"
    )
    program = models.CharField(_("program"), max_length=4, choices=Program.choices)
    title = models.CharField(_("title"), max_length=500)
    proposed = models.JSONField(_("proposed state"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    # The đề án's status before it went to the ministry, given back if the ministry refuses.
    previous_status = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = _("adjustment item")
        verbose_name_plural = _("adjustment items")
        ordering = ["adjustment", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["adjustment", "project"],
                condition=models.Q(project__isnull=False),
                name="adjustment_item_once_per_project",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.title}"
