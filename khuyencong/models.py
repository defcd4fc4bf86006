"""The core nouns: administrative units, organisations and who belongs to them; and the rows of
the core's own services: background jobs (the job runner, khuyencong.jobs: list and report
files, import batches), notifications and remembered import mappings."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from khuyencong.text import normalize

MERGER_DATE = datetime.date(2025, 7, 1)


class Region(models.TextChoices):
    NORTH = "bac", _("Northern region")
    CENTRAL = "trung_tay_nguyen", _("Central region and Central Highlands")
    SOUTH = "nam", _("Southern region")


class ValidityQuerySet(models.QuerySet):
    """For rows with valid_from / valid_until (either blank = open-ended)."""

    def valid_on(self, day: datetime.date):
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day),
        )


class SearchQuerySet(models.QuerySet):
    """Accent-insensitive search on a stored `search_text` column (see khuyencong.text): the
    same answers on SQLite and PostgreSQL. Every word of the query must appear."""

    def search(self, query: str):
        qs = self
        for term in normalize(query).split():
            qs = qs.filter(search_text__contains=term)
        return qs


class ProvinceQuerySet(ValidityQuerySet):
    def current(self):
        return self.valid_on(datetime.date.today())


class PlanApprover(models.TextChoices):
    """Who approves a province's local khuyến công plan (each province decides)."""

    PEOPLES_COMMITTEE = "ubnd", _("Provincial People's Committee")
    DEPARTMENT = "so_cong_thuong", _("Department of Industry and Trade")


class Province(models.Model):
    """A province-level unit of one era. Codes are reused across eras, so the key is the id."""

    class Kind(models.TextChoices):
        PROVINCE = "tinh", _("Province")
        CITY = "thanh_pho", _("Centrally-run city")

    class Era(models.TextChoices):
        LEGACY = "legacy", _("63 units (until 30/06/2025)")
        Y2025 = "2025", _("34 units (from 01/07/2025)")

    era = models.CharField(_("era"), max_length=10, choices=Era.choices)
    code = models.CharField(_("code"), max_length=2)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    became_city_on = models.DateField(_("became a centrally-run city on"), null=True, blank=True)
    commune_count = models.PositiveIntegerField(_("number of communes"), null=True, blank=True)
    local_plan_approver = models.CharField(
        _("approves the local plan"),
        max_length=16,
        choices=PlanApprover.choices,
        default=PlanApprover.PEOPLES_COMMITTEE,
        help_text=_("The authority that approves this province's local (KCĐP) plan."),
    )
    search_name = models.CharField(max_length=100, editable=False, db_index=True)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["-era", "code"]
        constraints = [
            models.UniqueConstraint(fields=["era", "code"], name="province_unique_code_per_era")
        ]

    def __str__(self):
        if self.era == self.Era.LEGACY:
            label = _("before 07/2025")
            return f"{self.name} ({label})"
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = normalize(self.name)
        super().save(*args, **kwargs)

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def kind_on(self, day: datetime.date) -> str:
        """A province may be upgraded to a centrally-run city (Huế 2025, Đồng Nai 2026...)."""
        if self.became_city_on and day >= self.became_city_on:
            return self.Kind.CITY
        return self.kind

    def is_city_on(self, day: datetime.date) -> bool:
        return self.kind_on(day) == self.Kind.CITY

    def unit_on(self, day: datetime.date) -> "Province":
        """The unit that stood for this territory on `day` (follows the successor forwards)."""
        if self.valid_until and day > self.valid_until and self.successor_id:
            return self.successor
        return self


class Commune(models.Model):
    """A commune-level unit (xã, phường, đặc khu) of the 34-unit era."""

    class Kind(models.TextChoices):
        COMMUNE = "xa", _("Commune")
        WARD = "phuong", _("Ward")
        SPECIAL_ZONE = "dac_khu", _("Special zone")

    code = models.CharField(_("code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="communes"
    )
    search_name = models.CharField(max_length=100, editable=False, db_index=True)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["province__code", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = normalize(self.name)
        super().save(*args, **kwargs)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CENTRE = "centre", _("Industrial extension centre")
        DEPARTMENT = "department", _("Department of Industry and Trade")
        MINISTRY = "ministry", _("Ministry")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255)
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("Blank for the ministry."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["province__code", "kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="ministry") | models.Q(province__isnull=False),
                name="organisation_province_required_unless_ministry",
            )
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    """What a person does in their organisation. Each kind of organisation has its people and
    its head (khuyencong.accounts.roles); a head manages the organisation's people."""

    CENTER_STAFF = "center_staff", _("Centre staff")
    CENTER_HEAD = "center_head", _("Centre head")
    DEPARTMENT_REVIEWER = "department_reviewer", _("Department reviewer")
    DEPARTMENT_HEAD = "department_head", _("Department head")
    MINISTRY = "ministry", _("Ministry staff")
    MINISTRY_HEAD = "ministry_head", _("Ministry head")


class Membership(models.Model):
    """A user belongs to exactly one organisation, with one role there."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="membership",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class Job(models.Model):
    """What the job runner (khuyencong.jobs) keeps of a piece of background work: where it is in
    its life, its progress, its private file, and when its worker last said it was alive.

    Only the runner changes these fields and `status`. `attempt` is the lease: each start raises
    it, and a worker finishes only the attempt it was given, so a job that was declared stopped
    and started again is never overwritten by the worker that lost it. A job whose worker stops
    sending heartbeats (killed, machine restarted) is marked failed with `STOPPED` as its error
    and can be started again."""

    STOPPED = "stopped"
    # The folder under MEDIA_ROOT that holds the jobs' private files (never served as is).
    FILES = ""

    total_rows = models.PositiveIntegerField(default=0)
    done_rows = models.PositiveIntegerField(default=0)
    path = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempt = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def stopped(self) -> bool:
        """Failed because its worker died before it finished (not because of the work)."""
        return self.status == "failed" and self.error == self.STOPPED


class ExportJob(Job):
    """A large list export or report written by a background task; its file is kept for a day in
    private storage and served only to the user who asked for it.

    `kind` names the registered job kind that writes it ("list": khuyencong.exports; "report":
    reports.background). A report job carries a `cache_key` (report, parameters, reader's scope
    and a fingerprint of the data): a finished file with the same key is reused instead of
    rendered again."""

    FILES = "exports"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being written")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Kind(models.TextChoices):
        LIST = "list", _("List export")
        REPORT = "report", _("Report")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.LIST)
    name = models.CharField(max_length=40)
    query = models.TextField(blank=True)
    fmt = models.CharField(max_length=8)
    cache_key = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    filename = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return f"{self.name}.{self.fmt} · {self.user} · {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.done_rows * 100 // self.total_rows)


class Notification(models.Model):
    """A message to one user: shown in the navigation bar and on /notifications/, and mailed
    after the change that caused it is committed (khuyencong.notifications)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(_("message"), max_length=500)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return f"{self.recipient} · {self.text}"


class ImportMapping(models.Model):
    """How one user's spreadsheets name the fields of one import kind: {normalised header: field
    key, or "" for a column to ignore}. Remembered from the last mapping the user confirmed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_mappings"
    )
    kind = models.CharField(max_length=40)
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("import column mapping")
        verbose_name_plural = _("import column mappings")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="import_mapping_per_user_kind")
        ]

    def __str__(self):
        return f"{self.user} · {self.kind}"


class ImportBatch(Job):
    """An uploaded spreadsheet between preview and confirm. The file (`path`) is kept in private
    storage (MEDIA_ROOT/imports, never served as is) and deleted with the batch after a day.

    Its check and its write are jobs of the runner (khuyencong.importing.batches): "checking" and
    "writing" while queued or running, then "checked" or "done"."""

    FILES = "imports"

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        CHECKING = "checking", _("Being checked")
        CHECKED = "checked", _("Checked")
        WRITING = "writing", _("Being written")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_batches"
    )
    kind = models.CharField(max_length=40)
    filename = models.CharField(max_length=255)
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UPLOADED)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return f"{self.kind} · {self.filename} · {self.get_status_display()}"

    @property
    def is_busy(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.WRITING)

    @property
    def percent(self) -> int:
        if self.status in (self.Status.CHECKED, self.Status.DONE):
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.done_rows * 100 // self.total_rows)


class AccountEvent(models.Model):
    """Something that happened to an account: an invitation, a role or a password changed, a
    deactivation, a second factor set up. Kept for ever (accounts are deactivated, never
    deleted) and shown to the organisation's head on the staff page (khuyencong.accounts)."""

    class Kind(models.TextChoices):
        INVITED = "invited", _("invited")
        INVITATION_ACCEPTED = "invitation_accepted", _("set a password from the invitation")
        ROLE_CHANGED = "role_changed", _("role changed")
        DEACTIVATED = "deactivated", _("deactivated")
        REACTIVATED = "reactivated", _("reactivated")
        PASSWORD_CHANGED = "password_changed", _("password changed")
        RESET_REQUESTED = "reset_requested", _("password reset asked for")
        PASSWORD_RESET = "password_reset", _("password reset from the email")
        TWO_FACTOR_ENROLLED = "two_factor_enrolled", _("authenticator app set up")
        TWO_FACTOR_RESET = "two_factor_reset", _("authenticator app removed")
        ADMIN_CHANGED = "admin_changed", _("changed by the administrator")

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account_events",
    )
    # The account's name when it happened: the event stays readable whatever becomes of it.
    user_label = models.CharField(_("account name"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("by (name)"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="account_events",
    )
    email = models.CharField(_("email"), max_length=254, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("account event")
        verbose_name_plural = _("account events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "at"]),
            models.Index(fields=["kind", "email", "at"]),
            models.Index(fields=["kind", "address", "at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.user_label}"

    @property
    def roles_shown(self) -> str:
        """ "Centre staff → Centre head" for a role change, the role given for an invitation."""
        labels = [
            str(Role(self.detail[key]).label)
            for key in ("old", "new", "role")
            if self.detail.get(key) in Role.values
        ]
        return " → ".join(labels)
