"""The establishments (cơ sở CNNT) of the synthetic country: each old province registers its
share of the national number, with names, valid tax codes and addresses drawn from word lists;
those still kept by the current unit can join its đề án (`candidates`)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db import reset_queries
from simple_history.utils import bulk_create_with_history

from beneficiaries.models import Beneficiary, BeneficiaryKind, ProductGroup
from beneficiaries.taxcode import check_digit
from khuyencong.models import Province
from khuyencong.text import normalize
from projects.dataset.bulk import batch_size
from projects.dataset.draws import (
    allocate,
    aware,
    day_in,
    lower_first,
    person_name,
    random_for,
    round_to,
    unit_prefix,
    weighted,
    words,
)
from projects.dataset.options import BASE_BENEFICIARIES, MIN_POOL, TRIEU
from projects.dataset.plans import PlanSpec, province_weights

BRANDS = words(
    "Phú Thịnh|Hưng Phát|Tân Tiến|Thành Công|Minh Long|Phước Lộc|Đại Phát|Hoàng Gia|An Khang|"
    "Thiên Phú|Việt Hưng|Đông Á|Nam Việt|Bảo Ngọc|Hòa Bình|Kim Ngân|Trường An|Hồng Hà|Phương Nam|"
    "Quang Minh|Đức Thành|Hải Đăng|Ánh Dương|Sao Mai|Thuận Phát|Hợp Tiến|Toàn Thắng|Vạn Xuân|"
    "Tiến Đạt|Lộc Phát|Thanh Bình|Gia Bảo|Tâm Đức|Hiệp Hòa|Phú Quý|Đồng Tâm|Bình An|Thái Sơn|"
    "Tường Vy|Mai Linh",
    "|",
)
HAMLETS = ("Thôn", "Ấp", "Bản", "Tổ dân phố", "Khu phố", "Xóm")


@dataclass(frozen=True)
class Trade:
    group: str
    name: str  # as it appears in an establishment's name: "Hợp tác xã Mây tre đan ..."
    products: str
    process: str  # as it appears in a title: "máy móc thiết bị trong <process>"
    product: str  # a product for titles: "thương hiệu <product>"


FOOD, CRAFT, TEXTILE = ProductGroup.FOOD, ProductGroup.HANDICRAFT, ProductGroup.TEXTILE
MACHINERY, MATERIALS = ProductGroup.MACHINERY, ProductGroup.MATERIALS
# name | main products | process | product
TRADES = tuple(
    Trade(group, *text.split("|"))
    for group, text in (
        (FOOD, "Chế biến nông sản|Gạo, tinh bột nghệ, miến dong|chế biến nông sản|gạo đặc sản"),
        (FOOD, "Chế biến thủy sản|Nước mắm, tôm khô, cá khô|chế biến thủy sản|nước mắm"),
        (FOOD, "Thực phẩm|Bánh kẹo, giò chả, lạp xưởng|chế biến thực phẩm|bánh truyền thống"),
        (FOOD, "Chè|Chè xanh, chè đen, trà túi lọc|chế biến chè|chè búp"),
        (FOOD, "Cà phê|Cà phê rang xay, cà phê hòa tan|chế biến cà phê|cà phê rang xay"),
        (FOOD, "Dược liệu|Cao dược liệu, trà thảo dược|chế biến dược liệu|trà thảo dược"),
        (FOOD, "Rượu truyền thống|Rượu men lá, rượu ngô|sản xuất rượu truyền thống|rượu men lá"),
        (CRAFT, "Mây tre đan|Giỏ, đèn, bàn ghế mây tre|sản xuất hàng mây tre đan|mây tre đan"),
        (CRAFT, "Gốm sứ|Bình gốm, bát đĩa, gốm mỹ nghệ|sản xuất gốm sứ|gốm mỹ nghệ"),
        (CRAFT, "Đồ gỗ mỹ nghệ|Tượng gỗ, bàn ghế, tủ thờ|sản xuất đồ gỗ mỹ nghệ|đồ gỗ mỹ nghệ"),
        (CRAFT, "Sơn mài|Tranh sơn mài, hộp sơn mài|sản xuất sơn mài|tranh sơn mài"),
        (CRAFT, "Đá mỹ nghệ|Tượng đá, đá trang trí|chế tác đá mỹ nghệ|đá mỹ nghệ"),
        (TEXTILE, "Thêu ren|Tranh thêu, khăn thêu, ren|thêu ren|tranh thêu"),
        (TEXTILE, "Dệt thổ cẩm|Vải, túi, khăn thổ cẩm|dệt thổ cẩm|thổ cẩm"),
        (TEXTILE, "May mặc|Quần áo bảo hộ lao động, đồng phục|may công nghiệp|đồng phục"),
        (MACHINERY, "Cơ khí|Khung nhà thép, cửa sắt|gia công cơ khí|kết cấu thép"),
        (MACHINERY, "Cơ khí nông nghiệp|Máy tuốt lúa, máy sấy|chế tạo máy nông nghiệp|máy sấy"),
        (MATERIALS, "Vật liệu xây dựng|Gạch không nung, ngói màu|sản xuất gạch không nung|gạch"),
        (MATERIALS, "Nhựa tái chế|Hạt nhựa tái chế, ống nhựa|tái chế nhựa|hạt nhựa tái chế"),
        (ProductGroup.OTHER, "Bao bì|Thùng carton, túi giấy|sản xuất bao bì|bao bì giấy"),
    )
)

# (kind, weight, name prefixes)
KINDS = (
    (BeneficiaryKind.SME, 30, ("Công ty TNHH", "Công ty cổ phần", "Công ty TNHH MTV")),
    (BeneficiaryKind.COOPERATIVE, 12, ("Hợp tác xã",)),
    (BeneficiaryKind.COOPERATIVE_UNION, 0.5, ("Liên hiệp hợp tác xã",)),
    (BeneficiaryKind.COOPERATIVE_GROUP, 5, ("Tổ hợp tác",)),
    (BeneficiaryKind.HOUSEHOLD, 48, ("Hộ kinh doanh", "Cơ sở")),
    (BeneficiaryKind.ARTISAN, 3, ("Nghệ nhân",)),
    (BeneficiaryKind.CLUSTER_INVESTOR, 0.5, ("Công ty cổ phần Đầu tư hạ tầng",)),
)


@dataclass
class _Pool:
    """The establishments registered in one old province: (id, commune id, kept by the current
    unit) each; those kept by the old province (closed before 07/2025) join old plans only."""

    rows: list[tuple[int, int | None, bool]] = field(default_factory=list)


class EstablishmentWriter:
    """The generator's part that writes the establishments and keeps their pools (see
    generator.Generator for the state it shares: options, summary, provinces, communes, the
    centres' staff, step)."""

    def beneficiaries(self, specs: list[PlanSpec]) -> None:
        """Each old province registers its share of the national establishments; a province
        with plans to fill has at least MIN_POOL."""
        legacy_all = [p for p in self.provinces if p.era == Province.Era.LEGACY]
        weights = province_weights(self.options, self.provinces)
        sizes = dict(
            zip(
                [p.pk for p in legacy_all],
                allocate(
                    round(BASE_BENEFICIARIES * self.options.scale),
                    [weights[p.pk] for p in legacy_all],
                ),
                strict=True,
            )
        )
        with_plans = {s.province.pk for s in specs} | {
            p.pk for s in specs for p in self.legacy if p.successor_id == s.province.pk
        }
        used = set(Beneficiary.objects.exclude(tax_code=None).values_list("tax_code", flat=True))
        self.pools: dict[int, _Pool] = {}
        pending: list[tuple[Beneficiary, int]] = []
        for province in self.legacy:
            size = sizes[province.pk]
            if province.pk in with_plans:
                size = max(size, MIN_POOL)
            self.pools[province.pk] = _Pool()
            rng = random_for(self.options, "establishments", province.code)
            parents: list[str] = []
            for index in range(size):
                pending.append(
                    (self._beneficiary(rng, province, index, used, parents), province.pk)
                )
                if len(pending) >= batch_size(Beneficiary):
                    self._save_beneficiaries(pending)
                    pending = []
        self._save_beneficiaries(pending)
        self.step(f"Establishments: {self.summary.beneficiaries}")

    def _save_beneficiaries(self, pending: list[tuple[Beneficiary, int]]) -> None:
        if not pending:
            return
        objs = bulk_create_with_history(
            [b for b, _p in pending], Beneficiary, batch_size=batch_size(Beneficiary)
        )
        reset_queries()  # see Generator.step()
        for obj, (_b, origin) in zip(objs, pending, strict=True):
            kept = obj.province_id != origin
            self.pools[origin].rows.append((obj.pk, obj.commune_id, kept))
        self.summary.beneficiaries += len(objs)

    def _tax_code(self, rng, kind: str, province: Province, used: set, parents: list) -> str | None:
        form = {
            # Since 1/7/2025 a household's tax code is its owner's 12-digit personal number;
            # most registered earlier and kept their 10-digit code.
            BeneficiaryKind.HOUSEHOLD: [("enterprise", 60), ("personal", 8), (None, 32)],
            BeneficiaryKind.ARTISAN: [("personal", 60), (None, 40)],
            BeneficiaryKind.COOPERATIVE_GROUP: [("enterprise", 50), (None, 50)],
            BeneficiaryKind.SME: [("enterprise", 97), ("branch", 3)],
        }.get(kind, [("enterprise", 1)])
        form = weighted(rng, form)
        if form == "branch" and not parents:
            form = "enterprise"
        while True:
            if form is None:
                return None
            if form == "branch":
                base = rng.choice(parents)
                code = f"{base}-{rng.randint(1, 30):03d}"
            elif form == "personal":
                # Province of birth (3 digits), century and sex, year of birth, six digits.
                code = (
                    f"0{province.code}{rng.randint(0, 3)}{rng.randint(0, 99):02d}"
                    f"{rng.randint(0, 999_999):06d}"
                )
            else:
                # Two digits for the province, seven of sequence (never all zero), a check digit.
                first9 = f"{province.code}{rng.randint(1, 9_999_999):07d}"
                digit = check_digit(first9)
                if digit == 10:
                    continue  # no digit expresses 10: such codes are not issued
                code = f"{first9}{digit}"
            if code not in used:
                used.add(code)
                if form == "enterprise" and kind == BeneficiaryKind.SME:
                    parents.append(code)
                return code

    def _beneficiary(self, rng, province: Province, index: int, used, parents) -> Beneficiary:
        unit = province.successor
        kind, _w, prefixes = rng.choices(KINDS, weights=[w for _k, w, _p in KINDS])[0]
        trade = rng.choice(TRADES)
        representative = person_name(rng)
        prefix = rng.choice(prefixes)
        if kind == BeneficiaryKind.ARTISAN:
            name = f"{prefix} {representative}"
        elif kind == BeneficiaryKind.HOUSEHOLD:  # after the owner: "Cơ sở Gốm sứ Tuấn"
            name = f"{prefix} {trade.name} {representative.rsplit(' ', 1)[-1]}"
        else:
            name = f"{prefix} {trade.name} {rng.choice(BRANDS)}"
        tax_code = self._tax_code(rng, kind, province, used, parents)
        if tax_code and "-" in tax_code:
            name = f"Chi nhánh {name}"
        communes = self.communes[unit.pk]
        commune = rng.choice(self.rural[unit.pk] if rng.random() < 0.85 else communes)
        # The first few always stay with the current unit, so a merged unit's plans have
        # establishments to pick; the others have closed before 07/2025 now and then.
        kept_by_current = index < MIN_POOL or rng.random() < 0.85
        hamlet = f"{rng.choice(HAMLETS)} {rng.randint(1, 15)}"
        old_place = lower_first(commune.name)
        employees = max(2, min(800, int(rng.lognormvariate(math.log(12), 0.9))))
        if kind in (BeneficiaryKind.HOUSEHOLD, BeneficiaryKind.ARTISAN):
            employees = min(employees, 30)
        region_minority = {"bac": 0.12, "trung_tay_nguyen": 0.08}.get(province.region, 0.04)
        ocop = None
        if rng.random() < 0.1:
            ocop = weighted(rng, [(3, 60), (4, 35), (5, 5)])
        staff = self.staff[unit.pk]
        registered = aware(day_in(rng, self.options.first_year - 1, (1, 12)))
        beneficiary = Beneficiary(
            name=name,
            kind=kind,
            tax_code=tax_code,
            representative=representative,
            phone=f"09{rng.randint(0, 99_999_999):08d}",
            province=unit if kept_by_current else province,
            commune=commune if kept_by_current else None,
            street_address=hamlet if kept_by_current else "",
            old_address=f"{hamlet}, {old_place}, {unit_prefix(province)} {province.name}",
            product_group=trade.group,
            products=trade.products,
            employees=employees,
            revenue=employees * round_to(rng.lognormvariate(math.log(300), 0.6) * TRIEU, TRIEU),
            craft_village=(
                f"Làng nghề {lower_first(trade.name)} {commune.name.split(' ', 1)[-1]}"
                if rng.random() < 0.12
                else ""
            ),
            women_owned=rng.random() < 0.28,
            ethnic_minority=rng.random() < region_minority,
            ocop_stars=ocop,
            created_by=staff,
            created_at=registered,
            updated_at=registered,
        )
        # What Beneficiary.save() computes (bulk_create does not call it).
        beneficiary.name_key = normalize(beneficiary.name)
        beneficiary.search_text = " ".join(
            filter(None, [beneficiary.name_key, tax_code or "", normalize(representative)])
        )
        beneficiary._history_user = staff
        beneficiary._history_date = registered
        return beneficiary

    def candidates(self, spec: PlanSpec) -> list[tuple[int, int | None]]:
        """The establishments a plan's đề án may name: its old province's own, or, for a
        current unit, those of the old provinces merged into it that it keeps."""
        if spec.province.era == Province.Era.LEGACY:
            return [(pk, commune) for pk, commune, _kept in self.pools[spec.province.pk].rows]
        return [
            (pk, commune)
            for p in self.legacy
            if p.successor_id == spec.province.pk
            for pk, commune, kept in self.pools[p.pk].rows
            if kept
        ]
