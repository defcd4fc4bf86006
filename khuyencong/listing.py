"""Pagination and sorting for list pages: a fixed number of queries whatever the table size."""

import django_filters
from django.core.paginator import Paginator
from django.db.models import QuerySet

PAGE_SIZE = 25


class SortFilter(django_filters.OrderingFilter):
    """`?sort=key` or `?sort=-key` (descending) over the keys given as `fields` ({field: key});
    one key at a time, `default` when none is given, and the primary key as the tie-breaker so
    pages never share or skip a row."""

    def __init__(self, *args, default: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.default = default

    def key(self, value) -> str:
        """The key applied for a cleaned value (the list of keys asked for, or None): one key,
        as the column headers ask; anything else gets the default."""
        return value[0] if value and len(value) == 1 else self.default

    def filter(self, qs, value):
        return qs.order_by(self.get_ordering_value(self.key(value)), "pk")


class SortFilterSet(django_filters.FilterSet):
    """The sort of a list, apart from the filter bar's FilterSet (the bar shows no sort field).
    Subclasses declare `sort = SortFilter(...)`. An unknown key is not an error: the default
    applies. `sort` gives the key applied, as the column headers expect it ("-year")."""

    def filter_queryset(self, queryset):
        value = self.form.cleaned_data.get("sort") if self.form.is_valid() else None
        self.sort = self.filters["sort"].key(value)
        return self.filters["sort"].filter(queryset, value)


def sort_list(sorting: type[SortFilterSet], params, queryset: QuerySet) -> tuple[QuerySet, str]:
    """The queryset in the order `params` asks for, and the key applied."""
    sorted_rows = sorting(params, queryset=queryset)
    return sorted_rows.qs, sorted_rows.sort


def paginate(request, queryset: QuerySet, per_page: int = PAGE_SIZE):
    """Two queries: the count and the page's rows. A page number out of range shows the last
    page rather than an error."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))
