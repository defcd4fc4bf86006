"""The annual plan of a province."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from simple_history.models import HistoricalRecords

from khuyencong.models import PlanApprover, Province
from projects.workflow import EDITABLE_PLAN_STATUSES, PlanStatus


class Plan(models.Model):
    """The annual khuyến công plan of one province; one per province and year.

    The province is the unit valid on 1 January of the year (Sóc Trăng for 2023, Cần Thơ for 2026).
    """

    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    # The uploaded decision, in private storage (MEDIA_ROOT, no public URL): served only by
    # projects.views.review.plan_decision_file after the scope check.
    decision_file = models.FileField(_("decision file"), upload_to="decisions/", blank=True)
    # Who approved it, copied from the province's setting at approval (a later change of the
    # setting does not rewrite an old decision).
    approving_authority = models.CharField(
        _("approving authority"), max_length=16, choices=PlanApprover.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Brought in from a centre's spreadsheets as a record of a past year (khuyencong.importing):
    # approved as it stood, without going through the review workflow in the portal.
    imported = models.BooleanField(_("imported"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "province__code"]
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="plan_one_per_province_year")
        ]

    def __str__(self):
        return _("Industrial extension plan %(year)s · %(province)s") % {
            "year": self.year,
            "province": self.province.name,
        }

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_PLAN_STATUSES

    @property
    def version_label(self) -> str:
        """ "Ban đầu" for version 1, "Điều chỉnh lần 2" after the first approved adjustment."""
        if self.version <= 1:
            return str(_("original"))
        return str(_("adjustment no. %(number)s")) % {"number": self.version}

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def eligibility_date(self) -> datetime.date:
        """The day eligibility rules are judged on: the approval decision's, else 1 January."""
        return self.decision_date or self.first_day


def authority_name(plan: Plan, approver: str | None = None) -> str:
    """ "Ủy ban nhân dân tỉnh Sóc Trăng": the province's approving authority for its local plan."""
    approver = approver or plan.approving_authority or plan.province.local_plan_approver
    label = dict(Plan._meta.get_field("approving_authority").flatchoices).get(approver, approver)
    if plan.province.is_city_on(plan.first_day):
        unit = pgettext("unit prefix", "city")
    else:
        unit = pgettext("unit prefix", "province")
    return f"{label} {unit} {plan.province.name}"
