"""Reference data kept by the administrator: the khuyến công contents, the output indicators, the
reporting lines and rows of the provinces' yearly forms (REPORT_FORMS.md), and the centres'
yearly facts."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from khuyencong.models import Organisation


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
