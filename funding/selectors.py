"""Money totals computed in the database: one aggregate per query, whatever the rows."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from funding.models import Source

TOTAL_FIELDS = ("kcqg", "kcdp", "counterpart", "other")
SOURCE_FIELDS = {Source.KCQG: "kcqg", Source.KCDP: "kcdp", Source.COUNTERPART: "counterpart"}


# A rejected or stopped đề án keeps its record (and its own figures) but leaves every total of
# the plans it belongs to (projects.models.INACTIVE_PROJECT_STATUSES).
INACTIVE_STATUSES = ("rejected", "stopped")


def _sum(path: str, source: str | None = None):
    amount = Coalesce(f"{path}approved", f"{path}proposed")
    condition = Q(**{f"{path}source": source}) if source else Q()
    project_path = path.removesuffix("budget_lines__")
    if project_path:  # totals over several đề án: the active ones only
        condition &= ~Q(**{f"{project_path}status__in": INACTIVE_STATUSES})
    return Coalesce(Sum(amount, filter=condition or None), Value(0))


def with_budget_totals(queryset: QuerySet, path: str = "budget_lines__") -> QuerySet:
    """Annotate kcqg, kcdp, counterpart, other and total (đồng) on projects (path
    "budget_lines__") or plans ("projects__budget_lines__"). Join only budget lines here: a second
    to-many join in the same query would multiply the sums."""
    return queryset.annotate(
        kcqg=_sum(path, Source.KCQG),
        kcdp=_sum(path, Source.KCDP),
        counterpart=_sum(path, Source.COUNTERPART),
        other=_sum(path, Source.OTHER),
        total=_sum(path),
    )


@dataclass
class Totals:
    """Money of a đề án or a group of them, by source, with the figures people quote."""

    kcqg: int = 0
    kcdp: int = 0
    counterpart: int = 0
    other: int = 0

    @property
    def public(self) -> int:
        return self.kcqg + self.kcdp

    @property
    def total(self) -> int:
        return self.kcqg + self.kcdp + self.counterpart + self.other

    @property
    def leverage(self) -> Decimal | None:
        """Counterpart money drawn in per đồng of khuyến công money (KCQG + KCĐP)."""
        if not self.public:
            return None
        return Decimal(self.counterpart) / Decimal(self.public)

    def add(self, other: "Totals") -> "Totals":
        return Totals(
            self.kcqg + other.kcqg,
            self.kcdp + other.kcdp,
            self.counterpart + other.counterpart,
            self.other + other.other,
        )

    @classmethod
    def of(cls, row) -> "Totals":
        """From an object annotated by with_budget_totals (or a dict of the same keys)."""
        get = row.get if isinstance(row, dict) else lambda k: getattr(row, k)
        return cls(*(get(name) or 0 for name in TOTAL_FIELDS))

    @classmethod
    def of_amounts(cls, rows) -> "Totals":
        """From (source, amount) pairs already in memory."""
        totals = cls()
        for source, amount in rows:
            name = SOURCE_FIELDS.get(source, "other")
            setattr(totals, name, getattr(totals, name) + amount)
        return totals

    @classmethod
    def of_lines(cls, lines) -> "Totals":
        """From budget lines already in memory (each counts its approved or proposed amount)."""
        return cls.of_amounts((line.source, line.amount) for line in lines)
