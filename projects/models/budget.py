"""A đề án's money by source (budget lines) and the support caps that bound it.

Only projects writes them: budget lines with their đề án (projects.services.project_save, the
review's approved amounts, an adjustment, the import), caps as the administrator's reference data.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from khuyencong.models import Province, ValidityQuerySet
from projects.models.projects import Project
from projects.models.reference import Content
from projects.models.sources import Program, Source


class BudgetLine(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    proposed = models.PositiveBigIntegerField(_("proposed (đồng)"))
    approved = models.PositiveBigIntegerField(_("approved (đồng)"), null=True, blank=True)
    # Kept in its first app's tables: moved here without rewriting the rows or their history.
    history = HistoricalRecords(table_name="funding_historicalbudgetline")

    class Meta:
        db_table = "funding_budgetline"
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
    history = HistoricalRecords(table_name="funding_historicalsupportcap")
    objects = ValidityQuerySet.as_manager()

    class Meta:
        db_table = "funding_supportcap"
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
