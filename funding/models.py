"""The carrying out of an approved đề án: contracts, disbursements, acceptance, settlement.

Rows written only by funding.services; the admin shows them read-only. The đề án, its budget
lines and its documents are projects' (funding points at them, never the other way).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import PUBLIC_SOURCES, Participation, Project


class Contract(models.Model):
    """A contract of the implementing organisation with an establishment or a supplier."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="contracts")
    number = models.CharField(_("contract number"), max_length=100)
    date = models.DateField(_("contract date"))
    party = models.CharField(_("other party"), max_length=255)
    value = models.PositiveBigIntegerField(_("value (đồng)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["project", "date", "pk"]

    def __str__(self):
        return f"{self.number} · {self.party}"


class Disbursement(models.Model):
    """Money paid out on a đề án (tạm ứng / thanh toán). Never edited or deleted: a mistake is
    corrected by a reversal entry (`reverses` set, a negative amount and a reason), so the sum
    of `amount` is what was disbursed."""

    class Kind(models.TextChoices):
        ADVANCE = "advance", _("Advance (tạm ứng)")
        PAYMENT = "payment", _("Payment (thanh toán)")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="disbursements")
    source = models.CharField(
        _("source"), max_length=12, choices=[(s.value, s.label) for s in PUBLIC_SOURCES]
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    date = models.DateField(_("date"))
    amount = models.BigIntegerField(_("amount (đồng)"))
    document_number = models.CharField(_("document number"), max_length=100)
    note = models.TextField(_("note"), blank=True)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("reverses"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversal",
    )
    reason = models.TextField(_("reason for the reversal"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["project", "date", "pk"]
        indexes = [models.Index(fields=["project", "source"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(reverses__isnull=True) & models.Q(amount__gt=0))
                | (models.Q(reverses__isnull=False) & models.Q(amount__lt=0)),
                name="disbursement_sign_follows_reversal",
            )
        ]

    def __str__(self):
        return f"{self.project_id} · {self.document_number} · {self.amount}"

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None


class AcceptanceResult(models.TextChoices):
    PASSED = "passed", _("Passed (đạt)")
    FAILED = "failed", _("Failed (không đạt)")


class Acceptance(models.Model):
    """The acceptance (nghiệm thu) of a đề án by its council, with the actual figures. A failed
    one records what must be redone and keeps the đề án open; blockers saved anyway are kept
    with the written reason."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="acceptances")
    date = models.DateField(_("acceptance date"))
    place = models.CharField(_("place"), max_length=255)
    council = models.TextField(_("council members (one per line)"))
    result = models.CharField(_("result"), max_length=8, choices=AcceptanceResult.choices)
    actual_total = models.PositiveBigIntegerField(_("actual total cost (đồng)"))
    actual_kcqg = models.PositiveBigIntegerField(_("actual KCQG (đồng)"), default=0)
    actual_kcdp = models.PositiveBigIntegerField(_("actual KCĐP (đồng)"), default=0)
    actual_counterpart = models.PositiveBigIntegerField(_("actual counterpart (đồng)"), default=0)
    actual_other = models.PositiveBigIntegerField(_("actual other sources (đồng)"), default=0)
    remarks = models.TextField(_("remarks"), blank=True)
    redo = models.TextField(_("what must be redone"), blank=True)
    blockers = models.JSONField(_("blockers overridden"), default=list, blank=True)
    override_reason = models.TextField(_("reason for saving despite the blockers"), blank=True)
    minutes = models.ForeignKey(
        "projects.Attachment",
        verbose_name=_("minutes file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")
        ordering = ["project", "date", "pk"]
        constraints = [
            # One passed acceptance per đề án, guarded by the database too.
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(result="passed"),
                name="acceptance_one_passed_per_project",
            )
        ]

    def __str__(self):
        return f"{self.project_id} · {self.date} · {self.get_result_display()}"

    @property
    def passed(self) -> bool:
        return self.result == AcceptanceResult.PASSED

    @property
    def sources_total(self) -> int:
        return self.actual_kcqg + self.actual_kcdp + self.actual_counterpart + self.actual_other

    @property
    def typed_difference(self) -> int:
        """The typed total against the sum of the sources (kept as typed, shown, not hidden)."""
        return self.actual_total - self.sources_total


class AcceptanceParticipation(models.Model):
    """What one establishment of a group đề án actually received and put in."""

    acceptance = models.ForeignKey(
        Acceptance, on_delete=models.CASCADE, related_name="establishments"
    )
    participation = models.ForeignKey(
        Participation, on_delete=models.PROTECT, related_name="acceptance_rows"
    )
    actual_support = models.PositiveBigIntegerField(_("actual support (đồng)"))
    actual_counterpart = models.PositiveBigIntegerField(_("actual counterpart (đồng)"))

    class Meta:
        verbose_name = _("establishment's actual figures")
        verbose_name_plural = _("establishments' actual figures")
        ordering = ["acceptance", "participation"]

    def __str__(self):
        return f"{self.acceptance_id} · {self.participation_id}"


class Settlement(models.Model):
    """Close-out (thanh lý) and settlement (quyết toán): after it the đề án is read-only."""

    project = models.OneToOneField(Project, on_delete=models.PROTECT, related_name="settlement")
    closed_on = models.DateField(_("close-out date"))
    amount = models.PositiveBigIntegerField(_("settled amount (đồng)"))
    decision_number = models.CharField(_("settlement decision number"), max_length=100)
    decision_date = models.DateField(_("settlement decision date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")

    def __str__(self):
        return f"{self.project_id} · {self.decision_number}"
