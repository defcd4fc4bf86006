"""Random draws that stay the same from run to run: every stream is seeded with a string built
from the seed and what is drawn ("1:plan:legacy:94:2023"), never from the clock or dict order.
Also the people's names the generator invents, and the small text helpers of its titles."""

from __future__ import annotations

import datetime
import math
import random

from django.utils import timezone

from khuyencong.models import Province
from projects.dataset.options import Options


def random_for(options: Options, *parts) -> random.Random:
    """A random stream of its own for one thing drawn (str seeds hash with SHA-512: stable)."""
    return random.Random(":".join(map(str, (options.seed, *parts))))


def allocate(total: int, weights: list[float]) -> list[int]:
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


def split(total: int, parts: int, unit: int, rng: random.Random) -> list[int]:
    """`total` (a multiple of `unit`) in `parts` random shares, each a multiple of `unit`,
    adding up exactly."""
    units = total // unit
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    shares = allocate(units, weights)
    return [share * unit for share in shares]


def round_to(amount: float, unit: int) -> int:
    return max(unit, int(round(amount / unit)) * unit)


def log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def weighted(rng: random.Random, choices: list[tuple[object, float]]):
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def aware(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def day_in(rng: random.Random, year: int, months: tuple[int, int]) -> datetime.date:
    return datetime.date(year, rng.randint(*months), rng.randint(1, 28))


# --- People's names ---------------------------------------------------------------------------


def words(text: str, sep: str = " ") -> tuple[str, ...]:
    return tuple(text.split(sep))


SURNAMES = words(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Mai Trương "
    "Lâm Tạ Hà Cao Lương Triệu"
)
MIDDLE_MALE = words("Văn Đức Minh Quang Hữu Công Thành Ngọc Xuân Đình")
MIDDLE_FEMALE = words("Thị Ngọc Thu Thanh Kim Mỹ Hồng Phương Thúy Bích")
GIVEN_MALE = words(
    "An Bình Cường Dũng Hải Hùng Khang Long Minh Nam Phúc Quân Sơn Tài Thắng Toàn Trung Tuấn "
    "Việt Vinh Hiếu Lộc Tâm Thịnh Nghĩa"
)
GIVEN_FEMALE = words(
    "Anh Chi Dung Hà Hạnh Hoa Hương Lan Liên Linh Mai Ngân Nhung Oanh Phương Thảo Trang Tuyết "
    "Vân Yến Hằng Loan Nga Thủy Xuân"
)


def person_name(rng: random.Random) -> str:
    female = rng.random() < 0.45
    middle = MIDDLE_FEMALE if female else MIDDLE_MALE
    given = GIVEN_FEMALE if female else GIVEN_MALE
    return f"{rng.choice(SURNAMES)} {rng.choice(middle)} {rng.choice(given)}"


def unit_prefix(province: Province) -> str:
    return "thành phố" if province.kind == Province.Kind.CITY else "tỉnh"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
