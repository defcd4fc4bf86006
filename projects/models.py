"""Annual plans and their đề án: contents, indicators and outputs, participations."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from simple_history.models import HistoricalRecords

from beneficiaries.models import Beneficiary
from khuyencong.models import Commune, Organisation, PlanApprover, Province, SearchQuerySet
from khuyencong.text import normalize


class Program(models.TextChoices):
    # The values are those of funding's public budget sources (funding.models.Source), so a
    # programme names its own source without this module importing funding.
    KCQG = "kcqg", _("National (KCQG)")
    KCDP = "kcdp", _("Local (KCĐP)")


# Acronyms of the programmes as written in Vietnamese documents (not translated).
PROGRAM_SHORT = {Program.KCQG: "KCQG", Program.KCDP: "KCĐP"}


class Content(models.Model):
    """A khuyến công content (Decree 45/2012, amended by Decree 235/2025), kept as data.

    Top-level contents are the numbered groups reports use; a sub-content (parent set) separates
    activities that carry different support caps (a demonstration model vs machinery support).
    """

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=255)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    needs_beneficiaries = models.BooleanField(
        _("needs beneficiaries"),
        default=False,
        help_text=_("A đề án of this content must name the establishments it supports."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("content")
        verbose_name_plural = _("contents")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return f"{self.code}. {self.name}"

    @property
    def group_id(self) -> int:
        return self.parent_id or self.pk


class Indicator(models.Model):
    """An output measured on a đề án (workers trained, machines installed...)."""

    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(_("unit"), max_length=50)
    contents = models.ManyToManyField(
        Content, verbose_name=_("contents"), related_name="indicators", blank=True
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    results_row = models.ForeignKey(
        "ResultsRow",
        verbose_name=_("results report row"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return f"{self.name} ({self.unit})"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    ADJUSTING = "adjusting", _("Being adjusted")


EDITABLE_PLAN_STATUSES = frozenset({PlanStatus.DRAFT, PlanStatus.RETURNED})


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
    # --- Review (issue 8) ---
    # The uploaded decision, in private storage (MEDIA_ROOT, no public URL): served only by
    # projects.views.review.plan_decision_file after the scope check.
    decision_file = models.FileField(_("decision file"), upload_to="decisions/", blank=True)
    # Who approved it, copied from the province's setting at approval (a later change of the
    # setting does not rewrite an old decision).
    approving_authority = models.CharField(
        _("approving authority"), max_length=16, choices=PlanApprover.choices, blank=True
    )
    # --- end review ---
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


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    IN_PROGRESS = "in_progress", _("In progress")
    ACCEPTED = "accepted", _("Accepted")
    SETTLED = "settled", _("Settled")
    STOPPED = "stopped", _("Stopped")
    REJECTED = "rejected", _("Rejected")
    AWAITING_MINISTRY = "awaiting_ministry", _("Awaiting the ministry")


# Đề án that keep their record but count in no active total.
INACTIVE_PROJECT_STATUSES = frozenset({ProjectStatus.STOPPED, ProjectStatus.REJECTED})


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
    # --- Review (issue 8) ---
    status_reason = models.TextField(_("reason (rejected or stopped)"), blank=True)
    status_changed_on = models.DateField(_("rejected or stopped on"), null=True, blank=True)
    ministry_decision_number = models.CharField(
        _("ministry decision number"), max_length=100, blank=True
    )
    ministry_decision_date = models.DateField(_("ministry decision date"), null=True, blank=True)
    # --- end review ---
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
            # The ministry's list of KCQG đề án awaiting it (issue 8), oldest first.
            models.Index(
                fields=["updated_at"],
                condition=models.Q(status="awaiting_ministry"),
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


# --- Reporting reference data (the provinces' yearly forms, REPORT_FORMS.md) ---------------------


class Activity(models.Model):
    """One of the 24 lines of the funding form (BÁO CÁO KINH PHÍ KHUYẾN CÔNG).

    Finer than a content: the 12 contents are the legal grouping, these lines the reporting one.
    Each đề án carries one, chosen within its content; the content's default line is the one
    marked default in `ActivityContent` (see `default_activity_for`).
    """

    code = models.CharField(_("code"), max_length=5, unique=True)
    label = models.CharField(_("label"), max_length=255)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    contents = models.ManyToManyField(
        Content,
        through="ActivityContent",
        verbose_name=_("contents"),
        related_name="activities",
        blank=True,
    )

    class Meta:
        verbose_name = _("reporting activity")
        verbose_name_plural = _("reporting activities")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return f"{self.code}. {self.label}"


class ActivityContent(models.Model):
    """An activity line a đề án of this content may be reported under; one default per content."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="content_links")
    content = models.ForeignKey(
        Content, verbose_name=_("content"), on_delete=models.CASCADE, related_name="activity_links"
    )
    is_default = models.BooleanField(_("default for this content"), default=False)

    class Meta:
        verbose_name = _("content of an activity")
        verbose_name_plural = _("contents of an activity")
        constraints = [
            models.UniqueConstraint(fields=["activity", "content"], name="activity_content_once"),
            models.UniqueConstraint(
                fields=["content"],
                condition=models.Q(is_default=True),
                name="activity_one_default_per_content",
            ),
        ]

    def __str__(self):
        return f"{self.content.code} → {self.activity.code}"


def default_activity_for(content: Content) -> Activity | None:
    """The activity line a đề án of `content` is reported under unless someone chose another:
    the content's default, else its group's default, else its first line (one query)."""
    links = {
        link.content_id: link.activity
        for link in ActivityContent.objects.select_related("activity")
        .filter(content_id__in=[content.pk, content.parent_id], is_default=True)
        .order_by()
    }
    found = links.get(content.pk) or links.get(content.parent_id)
    if found is None:
        found = content.activities.order_by("sort_order", "code").first()
    return found


class ResultsRow(models.Model):
    """A row of the results form (BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG), by a stable code.

    `source` says where its figure comes from: the outputs of the indicators mapped to it, the
    counterpart and other money of the đề án of `activity` (rows 9.a and 10.a, in triệu đồng),
    or the yearly staff count of the centres (row 23).
    """

    class Source(models.TextChoices):
        OUTPUTS = "outputs", _("outputs of the mapped indicators")
        INVESTMENT = "investment", _("counterpart and other money of the activity's đề án")
        CENTRE_STAFF = "centre_staff", _("staff of the centres (yearly fact)")

    code = models.CharField(_("code"), max_length=10, unique=True)
    label = models.CharField(_("label"), max_length=255)
    unit = models.CharField(_("unit"), max_length=50)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("row above"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    source = models.CharField(
        _("figure from"), max_length=16, choices=Source.choices, default=Source.OUTPUTS
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For an investment row: the activity whose đề án money is counted."),
    )

    class Meta:
        verbose_name = _("results report row")
        verbose_name_plural = _("results report rows")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return f"{self.code}. {self.label}"


class CentreYearFact(models.Model):
    """Yearly facts about a khuyến công centre that are not đề án outputs (row 23 of the results
    form: the staff working at the centre)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("centre"),
        on_delete=models.PROTECT,
        related_name="year_facts",
        limit_choices_to={"kind": "centre"},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    staff_count = models.PositiveIntegerField(_("staff"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("centre's yearly facts")
        verbose_name_plural = _("centres' yearly facts")
        ordering = ["-year", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="centre_fact_one_per_year"
            )
        ]

    def __str__(self):
        return f"{self.organisation} {self.year}"


# --- Review and adjustments (issue 8) ------------------------------------------------------------


class PlanEvent(models.Model):
    """One step of a plan's review, on the record: who, when, the comment or reason, the
    decision. Every transition of projects.review writes one; a comment on a đề án too.
    The plan page and each đề án's dossier show them."""

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
    establishments, outputs; see projects.review.project_state)."""

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


class AdjustmentStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")


OPEN_ADJUSTMENT_STATUSES = frozenset(
    {AdjustmentStatus.DRAFT, AdjustmentStatus.SUBMITTED, AdjustmentStatus.RETURNED}
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
                condition=models.Q(status__in=["draft", "submitted", "returned"]),
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
        return self.status in (AdjustmentStatus.DRAFT, AdjustmentStatus.RETURNED)


class AdjustmentItem(models.Model):
    """One change an adjustment asks for: change a đề án, add one, or stop one. `proposed` holds
    the đề án's state as asked (projects.review.project_state's shape; empty for a stop)."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("Change (điều chỉnh)")
        ADD = "add", _("Add (bổ sung)")
        STOP = "stop", _("Stop (ngừng triển khai)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        AWAITING_MINISTRY = "awaiting_ministry", _("Awaiting the ministry")
        APPLIED = "applied", _("Applied")
        REJECTED = "rejected", _("Rejected by the ministry")

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
