"""The record of a plan's review: its steps (PlanEvent) and the approved versions of each đề án."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models.plans import Plan
from projects.models.projects import Project
from projects.workflow import ProjectStatus


class PlanEvent(models.Model):
    """One step of a plan's life, on the record: who, when, the comment or reason, the
    decision. Every step of the review, of an adjustment, of the ministry and of carrying a đề
    án out writes one (projects.events); a comment on a đề án too. The plan page and each đề
    án's dossier show them."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")
        COMMENTED = "commented", _("Comment")
        PROJECT_REJECTED = "project_rejected", _("Project rejected")
        AMOUNTS_SET = "amounts_set", _("Approved amounts set")
        MINISTRY_APPROVED = "ministry_approved", _("Approved by the ministry")
        MINISTRY_REJECTED = "ministry_rejected", _("Rejected by the ministry")
        ADJUSTMENT_OPENED = "adjustment_opened", _("Adjustment opened")
        ADJUSTMENT_SUBMITTED = "adjustment_submitted", _("Adjustment submitted")
        ADJUSTMENT_RETURNED = "adjustment_returned", _("Adjustment returned")
        ADJUSTMENT_APPROVED = "adjustment_approved", _("Adjustment approved")
        PROJECT_STOPPED = "project_stopped", _("Project stopped")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events")
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    adjustment = models.ForeignKey(
        "Adjustment", null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("step"), max_length=24, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    comment = models.TextField(_("comment or reason"), blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    authority = models.CharField(_("approving authority"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["plan", "created_at"])]

    def __str__(self):
        return f"{self.plan_id} · {self.get_kind_display()}"


class ProjectVersion(models.Model):
    """A đề án as approved in one version of its plan (JSON: fields, budget lines,
    establishments, outputs; see projects.state.ProjectState)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="versions")
    plan_version = models.PositiveIntegerField(_("plan version"))
    data = models.JSONField(_("approved state"))
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("approved version")
        verbose_name_plural = _("approved versions")
        ordering = ["project", "plan_version", "pk"]

    def __str__(self):
        return f"{self.project_id} v{self.plan_version}"

    @property
    def total(self) -> int:
        """The money approved in this version (approved where set, else proposed), all sources."""
        return sum(
            row["approved"] if row.get("approved") is not None else row["proposed"]
            for row in self.data.get("budget", [])
        )

    @property
    def status_label(self) -> str:
        status = self.data.get("status", "")
        return str(dict(ProjectStatus.choices).get(status, status))
