"""A synthetic country for benchmarks: `manage.py generate_dataset --scale S --seed N`.

Scale 1 is the national picture the portal must hold: the 63 old units plan from 2014 to 2025,
the 34 units from 2026 (a year's province is the unit valid on 1 January), about 30.000 đề án and
60.000 establishments, with their budget lines, participations, outputs and history rows.

How it stays deterministic: every random draw comes from a `random.Random` seeded with a string
built from the seed and what is being drawn ("1:plan:legacy:94:2023"), never from the clock or
from dict order. The national allocation (how many đề án each plan gets, how many establishments
each old province registers) is computed over every unit even when `--provinces` limits what is
written, so a limited run writes exactly its provinces' share of the national country.

What it owns, and how it is recognised: users whose username starts with `gen.`, and every plan,
đề án and establishment created by one of them (`created_by`). Organisations are reference data:
existing ones (seed_demo's) are reused, missing ones created, and never deleted. The generator
refuses to run while generated data exists (`--reset` deletes it first, `--delete` only deletes);
province-years that already have a plan of someone else (seed_demo's Sóc Trăng 2023) are skipped
and reported.

Rows are written with bulk_create in batches inside one transaction, with their history rows
("created", by the province's generated centre staff, dated in the plan's year) written in bulk
by simple-history's bulk_create_with_history. `search_text` and `name_key` are computed here the
way the models' save() computes them, since bulk_create skips save().
"""

from __future__ import annotations

import contextlib
import datetime
import math
import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import reset_queries, transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, get_history_model_for_model

from beneficiaries.models import (
    Beneficiary,
    BeneficiaryKind,
    ProductGroup,
    Recognition,
    Snapshot,
)
from beneficiaries.taxcode import check_digit
from khuyencong.demo import DEMO_PASSWORD, MINISTRY_NAME, centre_name, department_name
from khuyencong.models import Commune, Membership, Organisation, Province, Role
from khuyencong.text import normalize
from projects.activities import ActivityRule
from projects.models import (
    BudgetLine,
    Content,
    Indicator,
    Participation,
    Plan,
    PlanStatus,
    Program,
    Project,
    ProjectOutput,
    ProjectStatus,
    Source,
    public_source,
)
from projects.services import project_code

BASE_PROJECTS = 30_000
BASE_BENEFICIARIES = 60_000
FIRST_YEAR = 2014
CURRENT_YEAR = 2026
USER_PREFIX = "gen."
BATCH_SIZE = 2000
MIN_POOL = 5  # establishments per old province with plans, whatever the scale
TRIEU = 1_000_000
ROUND_SUPPORT = 100_000
ROUND_COUNTERPART = 1_000


class DatasetError(Exception):
    """The generator cannot run on this database as it stands (the message says why)."""


# --- Options and summary ----------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    scale: float = 1.0
    seed: int = 1
    current_year: int = CURRENT_YEAR
    first_year: int = FIRST_YEAR
    provinces: tuple[str, ...] = ()  # codes of current units; empty = every unit
    password: str = DEMO_PASSWORD


@dataclass
class Summary:
    users: int = 0
    organisations: int = 0
    plans: int = 0
    projects: int = 0
    beneficiaries: int = 0
    participations: int = 0
    budget_lines: int = 0
    outputs: int = 0
    projects_by_program: dict[str, int] = field(default_factory=dict)
    projects_by_status: dict[str, int] = field(default_factory=dict)
    proposed: dict[str, int] = field(default_factory=dict)  # source → đồng
    approved: dict[str, int] = field(default_factory=dict)
    # Implementation records of the đề án carried out (issue 9).
    contracts: int = 0
    disbursed: dict[str, int] = field(default_factory=dict)  # source → đồng
    acceptances: int = 0
    settled: int = 0  # đồng
    skipped: list[str] = field(default_factory=list)  # "Sóc Trăng 2023": plans of someone else
    seconds: float = 0.0

    def totals(self) -> dict:
        """Everything that must be equal for two runs with the same seed."""
        return {
            "plans": self.plans,
            "projects": self.projects,
            "beneficiaries": self.beneficiaries,
            "participations": self.participations,
            "budget_lines": self.budget_lines,
            "outputs": self.outputs,
            "projects_by_program": dict(sorted(self.projects_by_program.items())),
            "projects_by_status": dict(sorted(self.projects_by_status.items())),
            "proposed": dict(sorted(self.proposed.items())),
            "approved": dict(sorted(self.approved.items())),
            "contracts": self.contracts,
            "disbursed": dict(sorted(self.disbursed.items())),
            "acceptances": self.acceptances,
            "settled": self.settled,
        }


# --- Word lists -------------------------------------------------------------------------------


def _words(text: str, sep: str = " ") -> tuple[str, ...]:
    return tuple(text.split(sep))


SURNAMES = _words(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Mai Trương "
    "Lâm Tạ Hà Cao Lương Triệu"
)
MIDDLE_MALE = _words("Văn Đức Minh Quang Hữu Công Thành Ngọc Xuân Đình")
MIDDLE_FEMALE = _words("Thị Ngọc Thu Thanh Kim Mỹ Hồng Phương Thúy Bích")
GIVEN_MALE = _words(
    "An Bình Cường Dũng Hải Hùng Khang Long Minh Nam Phúc Quân Sơn Tài Thắng Toàn Trung Tuấn "
    "Việt Vinh Hiếu Lộc Tâm Thịnh Nghĩa"
)
GIVEN_FEMALE = _words(
    "Anh Chi Dung Hà Hạnh Hoa Hương Lan Liên Linh Mai Ngân Nhung Oanh Phương Thảo Trang Tuyết "
    "Vân Yến Hằng Loan Nga Thủy Xuân"
)
BRANDS = _words(
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
COUNTRIES = _words("Nhật Bản|Hàn Quốc|Thái Lan|Đức|Pháp|Singapore|Trung Quốc|Hoa Kỳ|Ý", "|")


# --- Contents: how often, which programme, how much money --------------------------------------


@dataclass(frozen=True)
class ContentProfile:
    weight: float  # how common
    kcqg_share: float
    support: tuple[float, float]  # triệu đồng, per đề án, or per establishment (below)
    counterpart_share: float  # how many đề án of this content carry counterpart money
    leverage: tuple[float, float, float] = (1.0, 0.5, 0.1)  # median, sigma, floor
    per_establishment: bool = False  # the cap binds each establishment (Circular 28/2018)
    from_year: int = 0  # Decree 235/2025 added contents 11 and 12


# Which contents are drawn: the leaves, and group 2 (its one sub-content, start-up support, does
# not cover its training and workshops); a content added in the admin gets OTHER_PROFILE.
# Machinery (3.2) and demonstration models (3.1) are the most common đề án, then training.
# Caps of Circular 28/2018/TT-BTC are respected by construction: a demonstration model ≤ 30 % of
# its cost and ≤ 1.000 triệu (leverage ≥ 2,4); machinery ≤ 50 % and ≤ 300 triệu per
# establishment (leverage ≥ 1,05 each); start-up ≤ 10 triệu per establishment.
PROFILES = {
    "1": ContentProfile(14, 0.15, (80, 600), 0.35, (0.4, 0.6, 0.05)),
    "2": ContentProfile(7, 0.2, (50, 300), 0.3, (0.3, 0.5, 0.05)),
    "2.1": ContentProfile(1.5, 0.2, (5, 10), 1.0, (3.0, 0.6, 0.5), per_establishment=True),
    "3.1": ContentProfile(16, 0.45, (300, 1000), 1.0, (4.5, 0.45, 2.4)),
    "3.2": ContentProfile(26, 0.22, (50, 300), 1.0, (3.5, 0.55, 1.05), per_establishment=True),
    "4.1": ContentProfile(3, 0.3, (100, 500), 0.2, (0.2, 0.5, 0.05)),
    "4.2": ContentProfile(6, 0.3, (200, 1500), 0.7, (0.9, 0.6, 0.1)),
    "4.3": ContentProfile(1, 0.9, (500, 1500), 0.5, (0.3, 0.5, 0.05)),
    "4.4": ContentProfile(2, 0.25, (100, 500), 1.0, (1.5, 0.5, 0.3)),
    "4.5": ContentProfile(3, 0.2, (50, 300), 0.8, (0.8, 0.5, 0.1)),
    "5": ContentProfile(4, 0.2, (50, 400), 0.6, (0.5, 0.5, 0.1)),
    "6": ContentProfile(4, 0.15, (50, 500), 0.0),
    "7": ContentProfile(2, 0.35, (300, 1500), 0.6, (2.0, 0.6, 0.2)),
    "8": ContentProfile(2, 0.3, (100, 800), 1.0, (2.5, 0.5, 0.5)),
    "9": ContentProfile(0.5, 0.8, (200, 1000), 0.0),
    "10": ContentProfile(2, 0.3, (100, 500), 0.0),
    "11": ContentProfile(4, 0.3, (100, 800), 1.0, (1.5, 0.5, 0.3), from_year=2026),
    "12": ContentProfile(1, 0.2, (50, 300), 0.3, (0.3, 0.5, 0.05), from_year=2026),
}
OTHER_PROFILE = ContentProfile(0.5, 0.25, (50, 500), 0.5)  # a content added in the admin

TITLES = {
    "1": (
        "Đào tạo nghề {process} cho lao động nông thôn {place}",
        "Truyền nghề {process} tại {place}",
    ),
    "2": (
        "Tập huấn nâng cao năng lực quản lý cho cơ sở công nghiệp nông thôn {place}",
        "Hội thảo chuyên đề phát triển ngành {process} {place}",
    ),
    "2.1": ("Hỗ trợ khởi sự doanh nghiệp công nghiệp nông thôn {place}",),
    "3.1": (
        "Xây dựng mô hình trình diễn kỹ thuật {process} tại {establishment}",
        "Mô hình trình diễn kỹ thuật dây chuyền {process} {place}",
    ),
    "3.2": (
        "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong {process} {place}",
        "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong {process} tại {establishment}",
    ),
    "4.1": ("Tổ chức bình chọn sản phẩm công nghiệp nông thôn tiêu biểu {place} năm {year}",),
    "4.2": (
        "Tổ chức hội chợ triển lãm hàng công nghiệp nông thôn {place} năm {year}",
        "Hỗ trợ cơ sở công nghiệp nông thôn {place} tham gia hội chợ triển lãm năm {year}",
    ),
    "4.3": ("Hỗ trợ cơ sở tham gia hội chợ triển lãm tại {country} năm {year}",),
    "4.4": ("Hỗ trợ xây dựng phòng trưng bày, giới thiệu sản phẩm {product} {place}",),
    "4.5": ("Hỗ trợ đăng ký nhãn hiệu, xây dựng thương hiệu {product} {place}",),
    "5": ("Tư vấn, trợ giúp cơ sở {process} {place} lập dự án đầu tư, quản lý sản xuất",),
    "6": (
        "Xây dựng chuyên mục khuyến công trên Đài Phát thanh và Truyền hình năm {year}",
        "Xuất bản bản tin khuyến công {place} năm {year}",
    ),
    "7": ("Hỗ trợ lập quy hoạch chi tiết và hạ tầng cụm công nghiệp {place}",),
    "8": ("Hỗ trợ áp dụng sản xuất sạch hơn trong {process} {place}",),
    "9": ("Tổ chức đoàn khảo sát, học tập kinh nghiệm khuyến công tại {country}",),
    "10": ("Tập huấn nâng cao năng lực cán bộ làm công tác khuyến công năm {year}",),
    "11": ("Hỗ trợ chuyển đổi số cho cơ sở {process} {place}",),
    "12": ("Hỗ trợ nghệ nhân truyền nghề {process} tại {place}",),
}
OTHER_TITLES = ("Đề án khuyến công: {process} {place}",)

OBJECTIVES = {
    "1": "Nâng cao tay nghề cho lao động nông thôn, tạo việc làm ổn định tại các cơ sở công "
    "nghiệp nông thôn.",
    "2": "Nâng cao năng lực quản lý, kiến thức khởi sự và quản trị doanh nghiệp cho các cơ sở "
    "công nghiệp nông thôn.",
    "3": "Hỗ trợ cơ sở đổi mới công nghệ, nâng cao năng suất, chất lượng sản phẩm và giảm chi "
    "phí sản xuất.",
    "4": "Quảng bá, mở rộng thị trường tiêu thụ sản phẩm công nghiệp nông thôn tiêu biểu.",
    "5": "Tư vấn, trợ giúp cơ sở lập dự án đầu tư, quản lý tài chính, marketing và đổi mới "
    "công nghệ.",
    "6": "Tuyên truyền chủ trương, chính sách khuyến công và các điển hình tiên tiến.",
    "7": "Hỗ trợ liên doanh, liên kết và phát triển hạ tầng cụm công nghiệp.",
    "8": "Giảm tiêu hao nguyên liệu, năng lượng và chất thải, bảo vệ môi trường trong sản xuất.",
    "9": "Học tập kinh nghiệm quốc tế, mở rộng hợp tác về khuyến công.",
    "10": "Nâng cao năng lực cho cán bộ làm công tác khuyến công các cấp.",
    "11": "Hỗ trợ cơ sở ứng dụng công nghệ số trong quản lý, sản xuất và kinh doanh.",
    "12": "Hỗ trợ nghệ nhân gìn giữ, truyền dạy và phát triển nghề truyền thống.",
}

# Planned figures by the indicator's unit (ranges); "cơ sở" counts the establishments.
PLANNED_BY_UNIT = {
    "người": (15, 120),
    "lớp": (1, 4),
    "cuộc": (1, 6),
    "lượt người": (30, 300),
    "mô hình": (1, 1),
    "máy, thiết bị": (1, 8),
    "sản phẩm": (5, 40),
    "hội chợ": (1, 3),
    "lượt cơ sở": (10, 80),
    "phòng": (1, 1),
    "nhãn hiệu": (1, 5),
    "ấn phẩm": (6, 60),
    "cụm": (1, 1),
    "đoàn": (1, 2),
}


# --- Small helpers ----------------------------------------------------------------------------


def _rng(options: Options, *parts) -> random.Random:
    """A random stream of its own for one thing drawn (str seeds hash with SHA-512: stable)."""
    return random.Random(":".join(map(str, (options.seed, *parts))))


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Whole numbers proportional to `weights` that add up to exactly `total` (largest
    remainder; ties go to the earlier position)."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    raw = [total * w / weight_sum for w in weights]
    counts = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (counts[i] - raw[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _split(total: int, parts: int, unit: int, rng: random.Random) -> list[int]:
    """`total` (a multiple of `unit`) in `parts` random shares, each a multiple of `unit`,
    adding up exactly."""
    units = total // unit
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    shares = _allocate(units, weights)
    return [share * unit for share in shares]


def _round(amount: float, unit: int) -> int:
    return max(unit, int(round(amount / unit)) * unit)


def _log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def _leverage(rng: random.Random, profile: ContentProfile) -> float:
    median, sigma, floor = profile.leverage
    return max(floor, min(12.0, rng.lognormvariate(math.log(median), sigma)))


def _weighted(rng: random.Random, choices: list[tuple[object, float]]):
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _aware(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _day_in(rng: random.Random, year: int, months: tuple[int, int]) -> datetime.date:
    return datetime.date(year, rng.randint(*months), rng.randint(1, 28))


def _person(rng: random.Random) -> str:
    female = rng.random() < 0.45
    middle = MIDDLE_FEMALE if female else MIDDLE_MALE
    given = GIVEN_FEMALE if female else GIVEN_MALE
    return f"{rng.choice(SURNAMES)} {rng.choice(middle)} {rng.choice(given)}"


def _unit_prefix(province: Province) -> str:
    return "thành phố" if province.kind == Province.Kind.CITY else "tỉnh"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _batch_size(model) -> int:
    """2.000 rows a batch, fewer for wide tables (PostgreSQL takes at most 65.535 parameters
    a query; the history table adds five columns)."""
    return min(BATCH_SIZE, 60_000 // (len(model._meta.concrete_fields) + 5))


@contextlib.contextmanager
def _given_timestamps(*models):
    """Let bulk_create keep the created_at / updated_at the generator sets (dates in the plan's
    year) instead of auto_now(_add)'s "now". Only for this command's process."""
    saved = []
    for model in models:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


# --- The money of one đề án ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectMoney:
    """The money of one đề án, decided in one place (`draw_money`): its budget lines by source
    (proposed, and approved once approved) and the establishments' shares, which add up to the
    public and counterpart lines exactly (the money rules of the đề án form)."""

    proposed: dict[str, int]
    approved: dict[str, int] | None
    shares: tuple[tuple[int, int], ...] = ()  # (support, counterpart) per establishment

    def amounts(self) -> dict[str, int]:
        """What each line counts for (BudgetLine.amount): approved once there is one."""
        return dict(self.approved if self.approved is not None else self.proposed)

    def stored_totals(self) -> dict[str, int]:
        """The money stored on the đề án (Project.kcqg ... total): the lines' amounts by source."""
        amounts = self.amounts()
        stored = {name: amounts.get(name, 0) for name in ("kcqg", "kcdp", "counterpart", "other")}
        stored["total"] = sum(stored.values())
        return stored

    def lines(self, project: Project) -> list[BudgetLine]:
        return [
            BudgetLine(
                project=project,
                source=source,
                proposed=proposed,
                approved=None if self.approved is None else self.approved[source],
            )
            for source, proposed in self.proposed.items()
        ]


def _support_range(profile: ContentProfile, program: str) -> tuple[float, float]:
    """In triệu đồng. KCĐP đề án are smaller than KCQG ones (Sóc Trăng 2023: 140 triệu a KCĐP
    đề án, 1.310 triệu a KCQG one); never below 50 triệu except start-up support."""
    low, high = profile.support
    if program == Program.KCQG:
        return min(high, low * 1.5), high
    floor = low if profile.per_establishment else 50
    return max(floor, low * 0.6), max(floor, high * 0.5)


def draw_money(
    rng: random.Random,
    *,
    profile: ContentProfile,
    program: str,
    establishments: int,
    approved: bool,
) -> ProjectMoney:
    """Public support between 50 and 1.500 triệu đồng (rounded to 100.000 đ; start-up support,
    capped at 10 triệu an establishment, is less), counterpart = support × a log-normal
    leverage, sometimes "other" money; approved = proposed, or a little lower where no
    establishment shares would stop adding up."""
    public = public_source(program)
    low, high = _support_range(profile, program)
    leverage = _leverage(rng, profile)
    has_counterpart = rng.random() < profile.counterpart_share
    shares: list[tuple[int, int]] = []
    if profile.per_establishment:
        for _ in range(max(1, establishments)):
            support = _round(_log_uniform(rng, low, high) * TRIEU, ROUND_SUPPORT)
            own = _leverage(rng, profile)
            shares.append((support, _round(support * own, ROUND_COUNTERPART)))
        support = sum(s for s, _c in shares)
        counterpart = sum(c for _s, c in shares)
        if not establishments:
            shares = []
    else:
        support = _round(_log_uniform(rng, low, high) * TRIEU, ROUND_SUPPORT)
        counterpart = _round(support * leverage, ROUND_COUNTERPART) if has_counterpart else 0
        if establishments:  # support ≥ 50 triệu: 500 shares of 100.000 đ, enough for five
            shares = list(
                zip(
                    _split(support, establishments, ROUND_SUPPORT, rng),
                    _split(counterpart, establishments, ROUND_COUNTERPART, rng),
                    strict=True,
                )
            )
    proposed = {public: support}
    if counterpart:
        proposed[Source.COUNTERPART] = counterpart
    if rng.random() < 0.08:
        proposed[Source.OTHER] = _round(support * rng.uniform(0.05, 0.6), ROUND_COUNTERPART)
    if not approved:
        return ProjectMoney(proposed, None, tuple(shares))
    granted = dict(proposed)
    if not shares and rng.random() < 0.25:
        granted[public] = _round(support * rng.uniform(0.8, 0.97), ROUND_SUPPORT)
    return ProjectMoney(proposed, granted, tuple(shares))


# --- Plans ------------------------------------------------------------------------------------


@dataclass
class PlanSpec:
    province: Province
    unit: Province  # the current unit that keeps its records (itself from 07/2025)
    year: int
    status: str
    weight: float
    count: int = 0


def _current_unit(province: Province) -> Province:
    return province.successor if province.era == Province.Era.LEGACY else province


def _province_weights(options: Options, provinces: list[Province]) -> dict[int, float]:
    """How active each unit is: log-normal for the old units, a merged unit the sum of what
    merged into it (a little less: one centre instead of several)."""
    weights = {}
    for p in provinces:
        if p.era == Province.Era.LEGACY:
            weights[p.pk] = _rng(options, "weight", p.code).lognormvariate(0, 0.45)
    for p in provinces:
        if p.era != Province.Era.LEGACY:
            merged = [weights[q.pk] for q in provinces if q.successor_id == p.pk and q.pk != p.pk]
            weights[p.pk] = 0.9 * sum(merged) if merged else 1.0
    return weights


def _plan_status(options: Options, unit: Province, year: int) -> str | None:
    """Approved for past years; the current year's plan draft, submitted or approved; the next
    year's drafted only where the current one has left the centre (None: no plan)."""
    current = options.current_year
    if year < current:
        return PlanStatus.APPROVED
    now = _weighted(
        _rng(options, "plan-status", unit.code, current),
        [(PlanStatus.DRAFT, 0.35), (PlanStatus.SUBMITTED, 0.25), (PlanStatus.APPROVED, 0.4)],
    )
    if year == current:
        return now
    return PlanStatus.DRAFT if now != PlanStatus.DRAFT else None


def plan_specs(options: Options, provinces: list[Province]) -> list[PlanSpec]:
    """Every plan of the national country with its number of đề án (before any filtering)."""
    weights = _province_weights(options, provinces)
    specs = []
    for year in range(options.first_year, options.current_year + 2):
        first_day = datetime.date(year, 1, 1)
        for province in provinces:
            if not province.is_valid_on(first_day):
                continue
            status = _plan_status(options, province, year)
            if status is None:
                continue
            growth = 1 + 0.025 * (year - options.first_year)
            if year > options.current_year:
                growth *= 0.35  # still being drafted
            noise = _rng(options, "plan-size", province.era, province.code, year).lognormvariate(
                0, 0.2
            )
            specs.append(
                PlanSpec(
                    province=province,
                    unit=_current_unit(province),
                    year=year,
                    status=status,
                    weight=weights[province.pk] * growth * noise,
                )
            )
    counts = _allocate(round(BASE_PROJECTS * options.scale), [s.weight for s in specs])
    for spec, count in zip(specs, counts, strict=True):
        spec.count = count
    return specs


# --- Project statuses -------------------------------------------------------------------------

# Of the đề án of an approved plan (rejection is drawn first, for KCQG only), by the plan's age.
STATUS_BY_AGE = {
    0: [
        (ProjectStatus.APPROVED, 0.2),
        (ProjectStatus.IN_PROGRESS, 0.5),
        (ProjectStatus.ACCEPTED, 0.27),
        (ProjectStatus.STOPPED, 0.03),
    ],
    1: [
        (ProjectStatus.IN_PROGRESS, 0.26),
        (ProjectStatus.ACCEPTED, 0.45),
        (ProjectStatus.SETTLED, 0.25),
        (ProjectStatus.STOPPED, 0.04),
    ],
    2: [
        (ProjectStatus.IN_PROGRESS, 0.06),
        (ProjectStatus.ACCEPTED, 0.3),
        (ProjectStatus.SETTLED, 0.6),
        (ProjectStatus.STOPPED, 0.04),
    ],
    3: [
        (ProjectStatus.ACCEPTED, 0.1),
        (ProjectStatus.SETTLED, 0.86),
        (ProjectStatus.STOPPED, 0.04),
    ],
}
KCQG_REJECTED = 0.12
DONE = frozenset({ProjectStatus.ACCEPTED, ProjectStatus.SETTLED})


def _project_status(rng: random.Random, spec: PlanSpec, program: str, options: Options) -> str:
    if spec.status != PlanStatus.APPROVED:
        return ProjectStatus.PROPOSED
    if program == Program.KCQG and rng.random() < KCQG_REJECTED:
        return ProjectStatus.REJECTED
    age = min(3, max(0, options.current_year - spec.year))
    return _weighted(rng, STATUS_BY_AGE[age])


# --- The generator ----------------------------------------------------------------------------


@dataclass
class _Pool:
    """The establishments registered in one old province: (id, commune id, kept by the current
    unit) each; those kept by the old province (closed before 07/2025) join old plans only."""

    rows: list[tuple[int, int | None, bool]] = field(default_factory=list)


class _Generator:
    def __init__(self, options: Options, log: Callable[[str], None]):
        self.options = options
        self.log = log
        self.summary = Summary()
        self.started = time.perf_counter()
        self.provinces = list(Province.objects.select_related("successor").order_by("-era", "code"))
        wanted = set(options.provinces)
        current = [p for p in self.provinces if p.era != Province.Era.LEGACY]
        unknown = wanted - {p.code for p in current}
        if unknown:
            raise DatasetError(f"No current unit with code {', '.join(sorted(unknown))}.")
        self.units = [p for p in current if not wanted or p.code in wanted]
        unit_ids = {p.pk for p in self.units}
        self.legacy = [
            p for p in self.provinces if p.era == Province.Era.LEGACY and p.successor_id in unit_ids
        ]
        self.communes: dict[int, list[Commune]] = defaultdict(list)
        for commune in Commune.objects.filter(province__in=self.units).order_by("code"):
            self.communes[commune.province_id].append(commune)
        # Rural industry: most establishments are in a xã rather than a phường.
        self.rural = {
            pk: [c for c in communes if c.kind == Commune.Kind.COMMUNE] or communes
            for pk, communes in self.communes.items()
        }
        contents = list(Content.objects.filter(is_active=True).order_by("sort_order", "code"))
        parents = {c.parent_id for c in contents if c.parent_id}
        # Leaf contents, and a group only where it has a profile of its own: 3 and 4 are split
        # entirely into their sub-contents, 2 (training, workshops) only partly (2.1 start-up).
        self.contents = [c for c in contents if c.code in PROFILES or c.pk not in parents]
        self.activity_defaults = ActivityRule.load().defaults
        self.indicators: dict[int, list[Indicator]] = defaultdict(list)
        for indicator in Indicator.objects.prefetch_related("contents").order_by(
            "sort_order", "name"
        ):
            for content in indicator.contents.all():
                self.indicators[content.pk].append(indicator)
        self.since = time.perf_counter()

    def step(self, message: str) -> None:
        # With DEBUG on, Django keeps the text of the last 9.000 queries: hundreds of
        # megabytes of INSERT statements here.
        reset_queries()
        now = time.perf_counter()
        self.log(f"{message} ({now - self.since:.1f} s)")
        self.since = now

    # Organisations and users ---------------------------------------------------------------

    def organisations(self) -> None:
        existing = {}
        for org in Organisation.objects.exclude(kind=Organisation.Kind.MINISTRY).order_by("pk"):
            existing.setdefault((org.province_id, org.kind), org)  # the oldest, as seed_demo
        ministry = (
            Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).order_by("pk").first()
        )
        new = []
        if ministry is None:
            ministry = Organisation(kind=Organisation.Kind.MINISTRY, name=MINISTRY_NAME)
            new.append(ministry)
        self.centres, self.departments = {}, {}
        for province in [*self.units, *self.legacy]:
            for kind, name, into in (
                (Organisation.Kind.CENTRE, centre_name(province), self.centres),
                (Organisation.Kind.DEPARTMENT, department_name(province), self.departments),
            ):
                org = existing.get((province.pk, kind))
                if org is None:
                    org = Organisation(kind=kind, name=name, province=province)
                    new.append(org)
                into[province.pk] = org
        Organisation.objects.bulk_create(new, batch_size=_batch_size(Organisation))
        self.ministry = ministry
        self.summary.organisations = len(new)

    def users(self) -> None:
        User = get_user_model()
        password = make_password(self.options.password)  # hashed once: PBKDF2 is slow on purpose
        rng = _rng(self.options, "users")
        people = [(f"{USER_PREFIX}ministry", self.ministry, Role.MINISTRY)]
        for unit in self.units:
            people += [
                (f"{USER_PREFIX}centre.{unit.code}", self.centres[unit.pk], Role.CENTER_HEAD),
                (f"{USER_PREFIX}staff.{unit.code}", self.centres[unit.pk], Role.CENTER_STAFF),
                (
                    f"{USER_PREFIX}so.{unit.code}",
                    self.departments[unit.pk],
                    Role.DEPARTMENT_REVIEWER,
                ),
            ]
        users = []
        for username, _org, _role in people:
            first, _sep, last = _person(rng).rpartition(" ")
            users.append(
                User(
                    username=username,
                    password=password,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@example.vn",
                )
            )
        User.objects.bulk_create(users)
        by_name = {u.username: u for u in User.objects.filter(username__startswith=USER_PREFIX)}
        Membership.objects.bulk_create(
            Membership(user=by_name[username], organisation=org, role=role)
            for username, org, role in people
        )
        self.head = {u.pk: by_name[f"{USER_PREFIX}centre.{u.code}"] for u in self.units}
        self.staff = {u.pk: by_name[f"{USER_PREFIX}staff.{u.code}"] for u in self.units}
        self.reviewer = {u.pk: by_name[f"{USER_PREFIX}so.{u.code}"] for u in self.units}
        self.summary.users = len(users)

    # Establishments ---------------------------------------------------------------------------

    def beneficiaries(self, specs: list[PlanSpec]) -> None:
        """Each old province registers its share of the national establishments; a province
        with plans to fill has at least MIN_POOL."""
        legacy_all = [p for p in self.provinces if p.era == Province.Era.LEGACY]
        weights = _province_weights(self.options, self.provinces)
        sizes = dict(
            zip(
                [p.pk for p in legacy_all],
                _allocate(
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
            rng = _rng(self.options, "establishments", province.code)
            parents: list[str] = []
            for index in range(size):
                pending.append(
                    (self._beneficiary(rng, province, index, used, parents), province.pk)
                )
                if len(pending) >= _batch_size(Beneficiary):
                    self._save_beneficiaries(pending)
                    pending = []
        self._save_beneficiaries(pending)
        self.step(f"Establishments: {self.summary.beneficiaries}")

    def _save_beneficiaries(self, pending: list[tuple[Beneficiary, int]]) -> None:
        if not pending:
            return
        objs = bulk_create_with_history(
            [b for b, _p in pending], Beneficiary, batch_size=_batch_size(Beneficiary)
        )
        reset_queries()  # see step()
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
        form = _weighted(rng, form)
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
        representative = _person(rng)
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
        old_place = _lower_first(commune.name)
        employees = max(2, min(800, int(rng.lognormvariate(math.log(12), 0.9))))
        if kind in (BeneficiaryKind.HOUSEHOLD, BeneficiaryKind.ARTISAN):
            employees = min(employees, 30)
        region_minority = {"bac": 0.12, "trung_tay_nguyen": 0.08}.get(province.region, 0.04)
        ocop = None
        if rng.random() < 0.1:
            ocop = _weighted(rng, [(3, 60), (4, 35), (5, 5)])
        staff = self.staff[unit.pk]
        registered = _aware(_day_in(rng, self.options.first_year - 1, (1, 12)))
        beneficiary = Beneficiary(
            name=name,
            kind=kind,
            tax_code=tax_code,
            representative=representative,
            phone=f"09{rng.randint(0, 99_999_999):08d}",
            province=unit if kept_by_current else province,
            commune=commune if kept_by_current else None,
            street_address=hamlet if kept_by_current else "",
            old_address=f"{hamlet}, {old_place}, {_unit_prefix(province)} {province.name}",
            product_group=trade.group,
            products=trade.products,
            employees=employees,
            revenue=employees * _round(rng.lognormvariate(math.log(300), 0.6) * TRIEU, TRIEU),
            craft_village=(
                f"Làng nghề {_lower_first(trade.name)} {commune.name.split(' ', 1)[-1]}"
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

    # Plans ------------------------------------------------------------------------------------

    def plans(self, specs: list[PlanSpec]) -> dict[int, Plan]:
        objs = []
        for spec in specs:
            rng = _rng(self.options, "plan", spec.province.era, spec.province.code, spec.year)
            # Opened in July, đề án drafted August to October, submitted in November.
            created = _day_in(rng, spec.year - 1, (7, 7))
            plan = Plan(
                province=spec.province,
                year=spec.year,
                status=spec.status,
                created_by=self.staff[spec.unit.pk],
                created_at=_aware(created),
            )
            legacy = spec.province.era == Province.Era.LEGACY
            if spec.status in (PlanStatus.SUBMITTED, PlanStatus.APPROVED):
                plan.submitted_at = _aware(_day_in(rng, spec.year - 1, (11, 11)))
                plan.submitted_by = None if legacy else self.head[spec.unit.pk]
            if spec.status == PlanStatus.APPROVED:
                decided = plan.submitted_at.date() + datetime.timedelta(days=rng.randint(20, 60))
                plan.decision_number = f"{rng.randint(100, 3500)}/QĐ-UBND"
                plan.decision_date = decided
                plan.approved_at = _aware(decided, 15)
                plan.approved_by = None if legacy else self.reviewer[spec.unit.pk]
                if spec.year < self.options.current_year:
                    plan.version = _weighted(rng, [(1, 80), (2, 15), (3, 5)])
            plan._history_user = plan.created_by
            plan._history_date = plan.created_at
            objs.append(plan)
        created = bulk_create_with_history(objs, Plan, batch_size=_batch_size(Plan))
        self.summary.plans = len(created)
        self.step(f"Plans: {len(created)}")
        return {id(spec): plan for spec, plan in zip(specs, created, strict=True)}

    # Đề án ------------------------------------------------------------------------------------

    def projects(self, specs: list[PlanSpec], plans: dict[int, Plan]) -> None:
        pending: list[tuple[Project, ProjectMoney, list[int], list[tuple[Indicator, int]]]] = []
        for spec in specs:
            pending += self._plan_projects(spec, plans[id(spec)])
            if len(pending) >= BATCH_SIZE:
                self._save_projects(pending)
                pending = []
                self.step(f"Đề án: {self.summary.projects}")
        self._save_projects(pending)
        self.step(f"Đề án: {self.summary.projects}")

    def _content_choices(self, year: int) -> list[tuple[Content, float]]:
        choices = []
        for content in self.contents:
            profile = PROFILES.get(content.code, OTHER_PROFILE)
            if year >= profile.from_year:
                choices.append((content, profile.weight))
        return choices

    def _plan_projects(self, spec: PlanSpec, plan: Plan):
        options = self.options
        rng = _rng(options, "projects", spec.province.era, spec.province.code, spec.year)
        contents = self._content_choices(spec.year)
        candidates = self.candidates(spec)
        communes = self.communes[spec.unit.pk]
        sequences: dict[str, int] = defaultdict(int)
        centre = self.centres[spec.province.pk]
        staff = self.staff[spec.unit.pk]
        province_label = f"{_unit_prefix(spec.province)} {spec.province.name}"
        rows = []
        for _ in range(spec.count):
            content = _weighted(rng, contents)
            profile = PROFILES.get(content.code, OTHER_PROFILE)
            program = Program.KCQG if rng.random() < profile.kcqg_share else Program.KCDP
            status = _project_status(rng, spec, program, options)
            chosen: list[tuple[int, int | None]] = []
            if content.needs_beneficiaries and candidates:
                wanted = _weighted(rng, [(1, 30), (2, 25), (3, 20), (4, 15), (5, 10)])
                chosen = rng.sample(candidates, min(wanted, len(candidates)))
            money = draw_money(
                rng,
                profile=profile,
                program=program,
                establishments=len(chosen),
                approved=spec.status == PlanStatus.APPROVED and status != ProjectStatus.REJECTED,
            )
            commune_id = chosen[0][1] if chosen else None
            if not chosen and communes and rng.random() < 0.5:
                commune_id = rng.choice(communes).pk
            commune = self.commune_names.get(commune_id)
            place = _lower_first(commune) if commune and rng.random() < 0.6 else province_label
            trade = rng.choice(TRADES)
            title = rng.choice(TITLES.get(content.code, OTHER_TITLES)).format(
                process=trade.process,
                product=trade.product,
                place=place,
                year=spec.year,
                country=rng.choice(COUNTRIES),
                establishment=(
                    self.beneficiary_names.get(chosen[0][0], province_label)
                    if chosen
                    else province_label
                ),
            )
            sequences[program] += 1
            sequence = sequences[program]
            code = project_code(
                program=program, year=spec.year, province=spec.province, sequence=sequence
            )
            # A few KCQG demonstration models are official pilots (đề án điểm).
            is_pilot = program == Program.KCQG and content.code == "3.1" and rng.random() < 0.15
            start = rng.randint(3, 7)
            created = _aware(_day_in(rng, spec.year - 1, (8, 10)))
            project = Project(
                plan=plan,
                year=spec.year,
                code=code,
                sequence=sequence,
                title=title,
                program=program,
                content=content,
                activity_id=self.activity_defaults.get(content.pk),
                is_pilot=is_pilot,
                implementing_organisation=centre,
                commune_id=commune_id,
                start_month=datetime.date(spec.year, start, 1),
                end_month=datetime.date(spec.year, rng.randint(start + 3, 12), 1),
                objectives=OBJECTIVES.get(content.code.split(".")[0], ""),
                status=status,
                created_by=staff,
                created_at=created,
                updated_at=created,
                # What Project.save() computes (bulk_create does not call it).
                search_text=f"{normalize(title)} {code.lower()}",
                # What projects.totals.refresh_project_totals stores from the budget lines.
                **money.stored_totals(),
            )
            project._history_user = staff
            project._history_date = created
            outputs = self._outputs(rng, content, len(chosen), status)
            rows.append((project, money, [pk for pk, _c in chosen], outputs))
        return rows

    def _outputs(self, rng, content: Content, establishments: int, status: str):
        indicators = self.indicators.get(content.pk) or self.indicators.get(content.parent_id, [])
        if not indicators:
            return []
        picked = sorted(
            rng.sample(indicators, rng.randint(1, min(3, len(indicators)))),
            key=lambda i: (i.sort_order, i.name),
        )
        rows = []
        for indicator in picked:
            if indicator.unit == "cơ sở" and establishments:
                planned = establishments
            else:
                planned = rng.randint(*PLANNED_BY_UNIT.get(indicator.unit, (1, 10)))
            actual = None
            if status in DONE:
                actual = max(0, round(planned * rng.uniform(0.85, 1.15)))
            rows.append((indicator, planned, actual))
        return rows

    def _save_projects(self, pending) -> None:
        if not pending:
            return
        projects = bulk_create_with_history(
            [p for p, *_rest in pending], Project, batch_size=_batch_size(Project)
        )
        lines, participations, outputs = [], [], []
        summary = self.summary
        for project, (_p, money, chosen, wanted) in zip(projects, pending, strict=True):
            children = money.lines(project)
            children += [
                Participation(
                    project=project,
                    beneficiary_id=beneficiary_id,
                    support_amount=support,
                    counterpart_amount=counterpart,
                )
                for beneficiary_id, (support, counterpart) in zip(chosen, money.shares, strict=True)
            ]
            children += [
                ProjectOutput(project=project, indicator=indicator, planned=planned, actual=actual)
                for indicator, planned, actual in wanted
            ]
            for row in children:
                # Their history rows say "created" by the same person on the same day.
                row._history_user, row._history_date = project._history_user, project._history_date
                {BudgetLine: lines, Participation: participations, ProjectOutput: outputs}[
                    type(row)
                ].append(row)
            summary.projects_by_program[project.program] = (
                summary.projects_by_program.get(project.program, 0) + 1
            )
            summary.projects_by_status[project.status] = (
                summary.projects_by_status.get(project.status, 0) + 1
            )
            for source, amount in money.proposed.items():
                summary.proposed[source] = summary.proposed.get(source, 0) + amount
            for source, amount in (money.approved or {}).items():
                summary.approved[source] = summary.approved.get(source, 0) + amount
        for model, rows in (
            (BudgetLine, lines),
            (Participation, participations),
            (ProjectOutput, outputs),
        ):
            bulk_create_with_history(rows, model, batch_size=_batch_size(model))
        self._implementation(
            [(p, money) for p, (_p, money, *_r) in zip(projects, pending, strict=True)]
        )
        reset_queries()  # see step()
        summary.projects += len(projects)
        summary.budget_lines += len(lines)
        summary.participations += len(participations)
        summary.outputs += len(outputs)

    def _implementation(self, rows) -> None:
        """Contracts, disbursements, acceptances and settlements of the đề án carried out, in
        bulk and deterministic (drawn from their approved money, no randomness): in progress →
        a contract and an advance of half the public money; accepted → all of it disbursed and
        a passed acceptance at the approved figures; settled → also settled at what was paid."""
        from funding.models import Acceptance, Contract, Disbursement, Settlement
        from projects.models import public_source

        carried = ("in_progress", "accepted", "settled")
        contracts, disbursements, acceptances, settlements = [], [], [], []
        summary = self.summary
        for project, money in rows:
            if project.status not in carried or not money.approved:
                continue
            source = public_source(project.program)
            public = money.approved.get(source, 0)
            if not public:
                continue
            start = project.start_month or datetime.date(project.year, 3, 1)
            end = project.end_month or datetime.date(project.year, 11, 1)
            contracts.append(
                Contract(
                    project=project,
                    number=f"{project.sequence:03d}/HĐ-KC",
                    date=start,
                    party=project.implementing_organisation.name,
                    value=public,
                )
            )
            half = public // 2
            paid = [half] if project.status == "in_progress" else [half, public - half]
            for index, amount in enumerate(paid):
                disbursements.append(
                    Disbursement(
                        project=project,
                        source=source,
                        kind="advance" if index == 0 else "payment",
                        date=start if index == 0 else end,
                        amount=amount,
                        document_number=f"UNC-{project.code}-{index + 1}",
                    )
                )
                summary.disbursed[source] = summary.disbursed.get(source, 0) + amount
            if project.status == "in_progress":
                continue
            approved = money.approved
            acceptances.append(
                Acceptance(
                    project=project,
                    date=end,
                    place=project.implementing_organisation.name,
                    council="Hội đồng nghiệm thu",
                    result="passed",
                    actual_total=sum(approved.values()),
                    actual_kcqg=approved.get("kcqg", 0),
                    actual_kcdp=approved.get("kcdp", 0),
                    actual_counterpart=approved.get("counterpart", 0),
                    actual_other=approved.get("other", 0),
                )
            )
            if project.status == "settled":
                settlements.append(
                    Settlement(
                        project=project,
                        closed_on=end,
                        amount=public,
                        decision_number=f"{project.sequence:03d}/QĐ-QT",
                        decision_date=end,
                    )
                )
                summary.settled += public
        for model, objs in (
            (Contract, contracts),
            (Disbursement, disbursements),
            (Acceptance, acceptances),
            (Settlement, settlements),
        ):
            model.objects.bulk_create(objs, batch_size=_batch_size(model))
        summary.contracts += len(contracts)
        summary.acceptances += len(acceptances)

    # Everything ---------------------------------------------------------------------------------

    def run(self) -> Summary:
        options = self.options
        specs = plan_specs(options, self.provinces)
        unit_ids = {u.pk for u in self.units}
        existing = set(Plan.objects.values_list("province_id", "year"))
        chosen = []
        for spec in specs:
            if spec.unit.pk not in unit_ids or spec.count == 0:
                continue
            if (spec.province.pk, spec.year) in existing:
                self.summary.skipped.append(f"{spec.province.name} {spec.year}")
                continue
            chosen.append(spec)
        with _given_timestamps(Plan, Project, Beneficiary):
            self.organisations()
            self.users()
            self.step(
                f"Organisations: {self.summary.organisations} created; users: {self.summary.users}"
            )
            self.beneficiaries(chosen)
            self._load_names()
            plans = self.plans(chosen)
            self.projects(chosen, plans)
        self.summary.seconds = time.perf_counter() - self.started
        return self.summary

    def _load_names(self) -> None:
        self.commune_names = {c.pk: c.name for cs in self.communes.values() for c in cs}
        self.beneficiary_names = {}
        ids = [pk for pool in self.pools.values() for pk, _c, _k in pool.rows]
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            self.beneficiary_names.update(
                Beneficiary.objects.filter(pk__in=chunk).values_list("pk", "name")
            )


def generate(options: Options, *, log: Callable[[str], None] = print) -> Summary:
    """Write the synthetic country described by `options`, all or nothing."""
    if options.scale <= 0:
        raise DatasetError("The scale must be positive.")
    if options.first_year > options.current_year:
        raise DatasetError("The first year comes after the current year.")
    if generated_data_exists():
        raise DatasetError(
            "Generated data exists already: run with --reset to replace it, or --delete."
        )
    with transaction.atomic():
        return _Generator(options, log).run()


# --- Finding and deleting what the generator wrote ----------------------------------------------


def _generated_users():
    return get_user_model().objects.filter(username__startswith=USER_PREFIX)


def generated_data_exists() -> bool:
    users = _generated_users()
    return (
        users.exists()
        or Plan.objects.filter(created_by__in=users).exists()
        or Beneficiary.objects.filter(created_by__in=users).exists()
    )


def _raw_delete(qs) -> int:
    """DELETE ... WHERE without loading rows or sending signals (simple-history would write a
    "deleted" history row for each of hundreds of thousands of rows, one query each)."""
    return qs._raw_delete(qs.db)


def delete_generated() -> dict[str, int]:
    """Delete every generated row and its history; organisations stay (reference data).

    Generated = a user named gen.*, and what such a user created: plans and their đề án, đề án
    elsewhere, establishments (with whatever refers to them). Runs as subqueries, children
    first, each history table before its table."""
    users = _generated_users()
    plans = Plan.objects.filter(created_by__in=users)
    projects = Project.objects.filter(Q(plan__in=plans) | Q(created_by__in=users))
    beneficiaries = Beneficiary.objects.filter(created_by__in=users)
    counts = {
        "plans": plans.count(),
        "projects": projects.count(),
        "beneficiaries": beneficiaries.count(),
        "users": users.count(),
    }
    project_ids, beneficiary_ids = projects.values("pk"), beneficiaries.values("pk")
    from funding.models import (
        Acceptance,
        AcceptanceParticipation,
        Contract,
        Disbursement,
        Settlement,
    )
    from projects.models import Attachment

    with transaction.atomic():
        for model, condition in (
            # The implementation records (issue 9) first: they point at đề án.
            (Settlement, Q(project_id__in=project_ids)),
            (AcceptanceParticipation, Q(acceptance__project_id__in=project_ids)),
            (Acceptance, Q(project_id__in=project_ids)),
            (Disbursement, Q(project_id__in=project_ids)),
            (Contract, Q(project_id__in=project_ids)),
            (Attachment, Q(project_id__in=project_ids)),
            (BudgetLine, Q(project_id__in=project_ids)),
            (ProjectOutput, Q(project_id__in=project_ids)),
            (Participation, Q(project_id__in=project_ids) | Q(beneficiary_id__in=beneficiary_ids)),
            (Recognition, Q(beneficiary_id__in=beneficiary_ids)),
            (Snapshot, Q(beneficiary_id__in=beneficiary_ids)),
            (Project, Q(id__in=project_ids)),
            (Plan, Q(id__in=plans.values("pk"))),
            (Beneficiary, Q(id__in=beneficiary_ids)),
        ):
            if hasattr(model, "history"):
                _raw_delete(get_history_model_for_model(model).objects.filter(condition))
            _raw_delete(model.objects.filter(condition))
        users.delete()
    return counts
