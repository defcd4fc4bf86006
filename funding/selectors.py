"""Money totals computed in the database: one aggregate per query, whatever the rows."""

from dataclasses import dataclass
from decimal import Decimal

from funding.models import Source

TOTAL_FIELDS = ("kcqg", "kcdp", "counterpart", "other")
SOURCE_FIELDS = {Source.KCQG: "kcqg", Source.KCDP: "kcdp", Source.COUNTERPART: "counterpart"}


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
        """From a đề án (its stored money), a row annotated by projects.totals.with_project_money,
        or a dict of the same keys."""
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
