"""Cơ sở công nghiệp nông thôn (CNNT): the establishments that receive khuyến công support."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from khuyencong.models import Commune, Province, SearchQuerySet
from khuyencong.text import normalize

# Decree 235/2025/NĐ-CP, in force from this day, set the location rule below.
LOCATION_RULE_FROM = datetime.date(2025, 10, 15)


class BeneficiaryKind(models.TextChoices):
    SME = "dnnvv", _("Small or medium enterprise")
    COOPERATIVE = "htx", _("Cooperative")
    COOPERATIVE_UNION = "lien_hiep_htx", _("Union of cooperatives")
    COOPERATIVE_GROUP = "to_hop_tac", _("Cooperative group")
    HOUSEHOLD = "ho_kinh_doanh", _("Household business")
    ARTISAN = "nghe_nhan", _("Artisan")
    CLUSTER_INVESTOR = "dau_tu_ccn", _("Industrial cluster infrastructure investor")


class ProductGroup(models.TextChoices):
    """Product groups used by the rural-industry product selections."""

    FOOD = "che_bien_nong_lam_thuy_san", _("Processed agricultural, forestry and fishery products")
    HANDICRAFT = "thu_cong_my_nghe", _("Handicrafts and fine arts")
    MACHINERY = "co_khi", _("Machinery, mechanical and electrical tools")
    TEXTILE = "det_may", _("Textiles and garments")
    MATERIALS = "vat_lieu", _("Building materials, chemicals")
    OTHER = "khac", _("Other products")


class Beneficiary(models.Model):
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=BeneficiaryKind.choices)
    tax_code = models.CharField(
        _("tax code"),
        max_length=14,
        unique=True,
        null=True,
        blank=True,
        help_text=_("10 digits, a branch NNNNNNNNNN-NNN, or the 12-digit personal ID number."),
    )
    representative = models.CharField(_("representative"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    old_address = models.CharField(
        _("address before 07/2025"),
        max_length=255,
        blank=True,
        help_text=_("The address as written before the 2025 reorganisation, e.g. on old papers."),
    )
    product_group = models.CharField(
        _("product group"), max_length=40, choices=ProductGroup.choices, blank=True
    )
    products = models.TextField(_("main products"), blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    revenue = models.PositiveBigIntegerField(_("annual revenue (đồng)"), null=True, blank=True)
    craft_village = models.CharField(
        _("recognised craft village"),
        max_length=255,
        blank=True,
        help_text=_("Name of the recognised craft village the establishment is in, if any."),
    )
    women_owned = models.BooleanField(_("owned or run by women"), default=False)
    ethnic_minority = models.BooleanField(_("owned by ethnic minority people"), default=False)
    ocop_stars = models.PositiveSmallIntegerField(
        _("OCOP stars"), null=True, blank=True, validators=[MaxValueValidator(5)]
    )
    # Bumped by every save through a service: an edit based on an older version is refused, so
    # of two people saving the same record at once exactly one wins.
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    # Searched with LIKE %word%: a trigram index serves it on PostgreSQL (migration 0002).
    search_text = models.CharField(max_length=600, editable=False)
    name_key = models.CharField(max_length=255, editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["search_text", "name_key", "updated_at", "lock_version"]
    )
    objects = SearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["province", "name_key"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.refresh_search_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key", "search_text"}
        super().save(*args, **kwargs)

    def refresh_search_fields(self) -> None:
        """The stored search keys; save() calls it, bulk writes (the import) call it first."""
        self.name_key = normalize(self.name)
        self.search_text = " ".join(
            filter(None, [self.name_key, self.tax_code or "", normalize(self.representative)])
        )

    def location_warning(self, on: datetime.date) -> str:
        """The 2025 location rule (Decree 235/2025): a phường of a centrally-run city is not
        eligible unless the establishment is in a recognised craft village. A warning, not a block:
        the rule is judged as of the approval date, and the province's kind changes over time."""
        if on < LOCATION_RULE_FROM or self.commune is None or self.craft_village:
            return ""
        if self.commune.kind == Commune.Kind.WARD and self.province.is_city_on(on):
            return _(
                "%(commune)s is a ward of a centrally-run city on %(date)s: establishments there "
                "are eligible for support only inside a recognised craft village."
            ) % {"commune": self.commune.name, "date": on.strftime("%d/%m/%Y")}
        return ""


class Recognition(models.Model):
    """A rural-industry product recognised (bình chọn) at some level."""

    class Level(models.TextChoices):
        DISTRICT = "huyen", _("District")
        PROVINCE = "tinh", _("Provincial")
        REGION = "khu_vuc", _("Regional")
        NATIONAL = "quoc_gia", _("National")

    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.CASCADE, related_name="recognitions"
    )
    product = models.CharField(_("product"), max_length=255)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        ordering = ["-year", "product"]

    def __str__(self):
        return f"{self.product} ({self.get_level_display()} {self.year})"


class Snapshot(models.Model):
    """Yearly figures of an establishment, to compare before and after support."""

    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="snapshots")
    year = models.PositiveSmallIntegerField(_("year"))
    revenue = models.PositiveBigIntegerField(_("revenue (đồng)"), null=True, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    capacity = models.CharField(_("production capacity"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("yearly figures")
        verbose_name_plural = _("yearly figures")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["beneficiary", "year"], name="snapshot_one_per_year")
        ]

    def __str__(self):
        return f"{self.beneficiary} {self.year}"
