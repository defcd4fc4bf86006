"""A đề án, the establishments taking part in it and its outputs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from beneficiaries.models import Beneficiary
from khuyencong.models import Commune, Organisation, SearchQuerySet
from khuyencong.text import normalize
from projects.models.plans import Plan
from projects.models.reference import Content, Indicator
from projects.models.sources import Program
from projects.workflow import ProjectStatus

# The stored money of a đề án (see Project): derived from its budget lines, so not in its history.
TOTAL_FIELDS = ("kcqg", "kcdp", "counterpart", "other", "total")


class Project(models.Model):
    """A đề án khuyến công."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="projects"
    )
    code = models.CharField(_("code"), max_length=40, unique=True, editable=False)
    # The centre's own code of the đề án in its spreadsheets ("Mã đề án" of an import): recognises
    # the đề án when the same file is imported again. The portal's code stays `code`.
    external_code = models.CharField(_("centre's own code"), max_length=60, blank=True)
    sequence = models.PositiveIntegerField(editable=False)
    title = models.CharField(_("title"), max_length=500)
    program = models.CharField(_("program"), max_length=4, choices=Program.choices)
    content = models.ForeignKey(
        Content, verbose_name=_("content"), on_delete=models.PROTECT, related_name="projects"
    )
    activity = models.ForeignKey(
        "Activity",
        verbose_name=_("reporting activity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
        help_text=_("The line of the funding report this đề án is counted under."),
    )
    is_pilot = models.BooleanField(
        _("pilot project (đề án điểm)"),
        default=False,
        help_text=_("An official high-impact pilot project (đề án khuyến công điểm)."),
    )
    implementing_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("implementing organisation"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("place (commune)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_month = models.DateField(_("start month"), null=True, blank=True)
    end_month = models.DateField(_("end month"), null=True, blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    scale = models.TextField(_("scale"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED
    )
    status_reason = models.TextField(_("reason (rejected or stopped)"), blank=True)
    status_changed_on = models.DateField(_("rejected or stopped on"), null=True, blank=True)
    ministry_decision_number = models.CharField(
        _("ministry decision number"), max_length=100, blank=True
    )
    ministry_decision_date = models.DateField(_("ministry decision date"), null=True, blank=True)
    beneficiaries = models.ManyToManyField(
        Beneficiary, through="Participation", related_name="projects", blank=True
    )
    # The plan's year, stored so that lists filter and sort by it on the đề án's own index (an
    # ORDER BY across the join to the plan sorts the whole country). A đề án never changes plan.
    year = models.PositiveSmallIntegerField(_("year"), default=0, editable=False)
    # Money by source (approved amount where set, else proposed), stored so that lists sort and
    # page by money without summing 150.000 budget lines per request. Kept by
    # projects.totals.refresh_project_totals in the same transaction as every change to budget
    # lines; `manage.py check_totals` reports any drift.
    kcqg = models.PositiveBigIntegerField(_("KCQG (đồng)"), default=0, editable=False)
    kcdp = models.PositiveBigIntegerField(_("KCĐP (đồng)"), default=0, editable=False)
    counterpart = models.PositiveBigIntegerField(_("counterpart (đồng)"), default=0, editable=False)
    other = models.PositiveBigIntegerField(_("other sources (đồng)"), default=0, editable=False)
    total = models.PositiveBigIntegerField(_("total (đồng)"), default=0, editable=False)
    # Bumped by every save through a service: an edit based on an older version is refused, so
    # of two people saving the same record at once exactly one wins.
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    # Searched with LIKE %word%: a trigram index serves it on PostgreSQL (migration 0003).
    search_text = models.CharField(max_length=700, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        excluded_fields=[
            "search_text",
            "updated_at",
            "lock_version",
            "year",
            *TOTAL_FIELDS,
        ]
    )
    objects = SearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["plan", "program", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "program", "sequence"], name="project_sequence_per_plan_program"
            )
        ]
        indexes = [
            models.Index(fields=["program", "status"]),
            # The list's default order and its sorts by money: read in index order, not sorted.
            models.Index(fields=["-year", "id"], name="project_year_desc"),
            models.Index(fields=["-total", "id"], name="project_total_desc"),
            models.Index(fields=["total", "id"], name="project_total_asc"),
            # The ministry's list of KCQG đề án awaiting it, oldest first.
            models.Index(
                fields=["updated_at"],
                condition=models.Q(status=ProjectStatus.AWAITING_MINISTRY.value),
                name="project_awaiting_ministry",
            ),
        ]

    def __str__(self):
        return f"{self.code} · {self.title}"

    def save(self, *args, **kwargs):
        self.refresh_search_fields()
        if self.plan_id and not self.year:
            self.year = self.plan.year
        super().save(*args, **kwargs)

    def refresh_search_fields(self) -> None:
        """The stored search key; save() calls it, bulk writes (the import) call it first."""
        self.search_text = f"{normalize(self.title)} {self.code.lower()}"


class Participation(models.Model):
    """An establishment taking part in a đề án, with its support and counterpart money."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participations")
    beneficiary = models.ForeignKey(
        Beneficiary,
        verbose_name=_("beneficiary"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    support_amount = models.PositiveBigIntegerField(_("support (đồng)"), default=0)
    counterpart_amount = models.PositiveBigIntegerField(_("counterpart (đồng)"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "beneficiary"], name="participation_once_per_project"
            )
        ]

    def __str__(self):
        return f"{self.beneficiary} · {self.project.code}"


class ProjectOutput(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="outputs")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="outputs"
    )
    planned = models.PositiveIntegerField(_("planned"))
    actual = models.PositiveIntegerField(_("achieved"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "indicator"], name="output_once_per_project")
        ]

    def __str__(self):
        return f"{self.indicator}: {self.planned}"
