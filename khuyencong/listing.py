"""Pagination and sorting for list pages: a fixed number of queries whatever the table size."""

from django.core.paginator import Paginator
from django.db.models import QuerySet

PAGE_SIZE = 25


def sort_queryset(queryset: QuerySet, requested: str | None, allowed: dict[str, str], default: str):
    """Order by a whitelisted key (`?sort=name` or `?sort=-name`); unknown keys fall back."""
    key = (requested or "").strip()
    descending = key.startswith("-")
    field = allowed.get(key.lstrip("-"))
    if field is None:
        key, descending, field = (
            default.lstrip("-"),
            default.startswith("-"),
            allowed[default.lstrip("-")],
        )
    order = f"-{field}" if descending else field
    return queryset.order_by(order, "pk"), ("-" if descending else "") + key.lstrip("-")


def paginate(request, queryset: QuerySet, per_page: int = PAGE_SIZE):
    """Two queries: the count and the page's rows. A page number out of range shows the last
    page rather than an error."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def querystring_without(request, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()
