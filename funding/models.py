"""Money: budget lines by source and the support caps that bound them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from khuyencong.models import Province, ValidityQuerySet
from projects.models import Content, Participation, Plan, Program, Project


class Source(models.TextChoices):
    KCQG = "kcqg", _("National budget (KCQG)")
    KCDP = "kcdp", _("Local budget (KCĐP)")
    COUNTERPART = "counterpart", _("Counterpart")
    OTHER = "other", _("Other sources")


PUBLIC_SOURCES = (Source.KCQG, Source.KCDP)


def public_source(program: str) -> str:
    """The budget source of a programme's money: KCQG money for a KCQG đề án, KCĐP for KCĐP."""
    return Source.KCQG if program == Program.KCQG else Source.KCDP


class BudgetLine(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    proposed = models.PositiveBigIntegerField(_("proposed (đồng)"))
    approved = models.PositiveBigIntegerField(_("approved (đồng)"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["project", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "source"], name="budget_line_once_per_source"
            )
        ]

    def __str__(self):
        return f"{self.project.code} · {self.get_source_display()}"

    @property
    def amount(self) -> int:
        """The approved amount once there is one, the proposed amount before."""
        return self.approved if self.approved is not None else self.proposed


class SupportCap(models.Model):
    """A limit on khuyến công support for a content: a share of the cost and/or a ceiling.

    National caps (province blank) come from Circular 28/2018/TT-BTC for KCQG; each province's
    People's Council sets its own KCĐP caps. `per` says what the cap applies to: the whole đề án,
    or each establishment taking part.
    """

    class Per(models.TextChoices):
        PROJECT = "project", _("per project")
        BENEFICIARY = "beneficiary", _("per establishment")

    program = models.CharField(_("program"), max_length=4, choices=Program.choices)
    content = models.ForeignKey(
        Content, verbose_name=_("content"), on_delete=models.PROTECT, related_name="caps"
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Blank for a national cap."),
    )
    per = models.CharField(_("applies"), max_length=12, choices=Per.choices)
    percent = models.DecimalField(
        _("share of the cost (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    ceiling = models.PositiveBigIntegerField(_("ceiling (đồng)"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    history = HistoricalRecords()
    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("support cap")
        verbose_name_plural = _("support caps")
        ordering = ["program", "content__sort_order", "province"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__isnull=False) | models.Q(ceiling__isnull=False),
                name="support_cap_has_a_limit",
            )
        ]

    def __str__(self):
        return f"{self.get_program_display()} · {self.content.code} · {self.get_per_display()}"


# --- Implementation (issue 9): contracts, disbursements, acceptance, settlement, documents ------
# Rows written only by funding.services; the admin shows them read-only.


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
        "Attachment",
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


class Attachment(models.Model):
    """A document of a plan or a đề án, in private storage: served only by
    funding.views.attachment_download after the scope check."""

    class Kind(models.TextChoices):
        DESCRIPTION = "description", _("Description (thuyết minh)")
        ESTIMATE = "estimate", _("Cost estimate (dự toán)")
        APPROVAL = "approval", _("Approval decision")
        CONTRACT = "contract", _("Contract")
        MINUTES = "minutes", _("Acceptance minutes")
        CLOSE_OUT = "close_out", _("Close-out (thanh lý)")
        SETTLEMENT = "settlement", _("Settlement (quyết toán)")
        PHOTO = "photo", _("Photo")
        OTHER = "other", _("Other")

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="attachments")
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="attachments/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
