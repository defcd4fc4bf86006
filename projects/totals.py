"""Money by source: `Totals` (of a đề án or a group of them, with the figures people quote), and
the money stored on each đề án (Project.kcqg ... total), kept equal to its budget lines.

Every service that writes budget lines calls `refresh_project_totals` in the same transaction, so
lists can sort and page by money without summing the budget lines of the whole country per
request. `project_totals_drift` (and `manage.py check_totals`) finds any row that disagrees.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from projects.models import TOTAL_FIELDS, BudgetLine, Project, Source
from projects.workflow import INACTIVE_PROJECT_STATUSES

_BY_SOURCE = {
    Source.KCQG: "kcqg",
    Source.KCDP: "kcdp",
    Source.COUNTERPART: "counterpart",
    Source.OTHER: "other",
}
BATCH = 2000
# The sources of a Totals, in the order of the form (other sources last).
MONEY_FIELDS = ("kcqg", "kcdp", "counterpart", "other")
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
        return cls(*(get(name) or 0 for name in MONEY_FIELDS))

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


def computed_totals(project_ids: Iterable[int] | None = None) -> dict[int, dict[str, int]]:
    """{project id: {kcqg, kcdp, counterpart, other, total}} from the budget lines (one query).
    A line counts its approved amount once approved, its proposed amount before."""
    lines = BudgetLine.objects.all()
    if project_ids is not None:
        lines = lines.filter(project_id__in=list(project_ids))
    amount = Coalesce(F("approved"), F("proposed"))
    sums = {
        name: Coalesce(
            Sum(Case(When(source=source, then=amount), default=0, output_field=IntegerField())),
            0,
        )
        for source, name in _BY_SOURCE.items()
    }
    result = {}
    for row in lines.values("project_id").annotate(**sums).order_by():
        money = {name: int(row[name]) for name in _BY_SOURCE.values()}
        money["total"] = sum(money.values())
        result[row["project_id"]] = money
    return result


def _zero() -> dict[str, int]:
    return dict.fromkeys(TOTAL_FIELDS, 0)


def refresh_project_totals(project_ids: Iterable[int]) -> int:
    """Store the budget lines' sums on the given đề án; returns how many rows changed. Two
    queries per 2.000 đề án, whatever the number of lines."""
    ids = list(project_ids)
    changed = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        wanted = computed_totals(chunk)
        stale = []
        for project in Project.objects.filter(pk__in=chunk).only("pk", *TOTAL_FIELDS):
            money = wanted.get(project.pk, _zero())
            if any(getattr(project, name) != money[name] for name in TOTAL_FIELDS):
                for name in TOTAL_FIELDS:
                    setattr(project, name, money[name])
                stale.append(project)
        if stale:
            Project.objects.bulk_update(stale, TOTAL_FIELDS)
            changed += len(stale)
    return changed


def project_totals_drift(limit: int | None = None) -> list[tuple[int, dict, dict]]:
    """(id, stored, computed) of every đề án whose stored money differs from its budget lines."""
    wanted = computed_totals()
    drift = []
    for row in (
        Project.objects.values("pk", *TOTAL_FIELDS).order_by("pk").iterator(chunk_size=BATCH)
    ):
        stored = {name: row[name] for name in TOTAL_FIELDS}
        computed = wanted.get(row["pk"], _zero())
        if stored != computed:
            drift.append((row["pk"], stored, computed))
            if limit and len(drift) >= limit:
                break
    return drift


def with_project_money(queryset: QuerySet, path: str = "projects__") -> QuerySet:
    """Annotate kcqg, kcdp, counterpart, other and total (đồng) summed over the stored money of
    the đề án at `path` (plans: "projects__"; a values("year") of plans likewise). Join only the
    đề án here: a second to-many join in the same query would multiply the sums."""
    # A rejected or stopped đề án keeps its record and its own money but counts in no total.
    active = ~Q(**{f"{path}status__in": list(INACTIVE_PROJECT_STATUSES)})
    return queryset.annotate(
        **{name: Coalesce(Sum(f"{path}{name}", filter=active), Value(0)) for name in TOTAL_FIELDS}
    )
