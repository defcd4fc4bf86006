"""List filters for plans and đề án (query parameters year, province, program, content, status, q).

The province choices are the provinces the user may see, so an id from elsewhere is simply not a
valid choice (the filter is then ignored and the scoped list shown unfiltered: nothing leaks).
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from khuyencong.forms import StyledFormMixin
from khuyencong.listing import SortFilter, SortFilterSet
from khuyencong.models import Province
from khuyencong.scoping import visible_provinces
from projects.models import Content, Plan, Program, Project, ProjectStatus


class FilterForm(StyledFormMixin, forms.Form):
    pass


def _year(field_name: str):
    return django_filters.NumberFilter(
        field_name=field_name, label=_("Year"), widget=forms.NumberInput(attrs={"min": 2000})
    )


def _province(field_name: str):
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        label=_("Province"),
        queryset=Province.objects.none(),
        empty_label=_("All"),
    )


class _ScopedFilterSet(django_filters.FilterSet):
    """Takes the user: the province choices are the provinces they may see."""

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        self.filters["province"].queryset = visible_provinces(user).order_by("era", "name")


class PlanFilter(_ScopedFilterSet):
    year = _year("year")
    province = _province("province")

    class Meta:
        model = Plan
        fields = ["year", "province"]
        form = FilterForm


class ProjectFilter(_ScopedFilterSet):
    year = _year("year")
    province = _province("plan__province")
    program = django_filters.ChoiceFilter(
        label=_("Program"), choices=Program.choices, empty_label=_("All")
    )
    content = django_filters.ModelChoiceFilter(
        label=_("Content"),
        queryset=Content.objects.all(),
        method="filter_content",
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProjectStatus.choices, empty_label=_("All")
    )
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"placeholder": _("Title or code")}),
    )

    class Meta:
        model = Project
        fields = ["year", "province", "program", "content", "status", "q"]
        form = FilterForm

    def filter_content(self, queryset, name, value):
        """A group matches its sub-contents: content 3 finds the đề án of 3.1 and 3.2."""
        return queryset.filter(Q(content=value) | Q(content__parent=value))

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


class ProjectSort(SortFilterSet):
    """Sorting of the đề án list: newest year first unless asked otherwise."""

    sort = SortFilter(
        fields={
            "code": "code",
            "title": "title",
            "year": "year",
            "plan__province__name": "province",
            "total": "total",
            "kcqg": "kcqg",
            "kcdp": "kcdp",
            "counterpart": "counterpart",
        },
        default="-year",
    )


class AwaitingMinistryFilter(_ScopedFilterSet):
    """The ministry's list of KCQG đề án awaiting it: by province and content."""

    province = _province("plan__province")
    content = django_filters.ModelChoiceFilter(
        label=_("Content"),
        queryset=Content.objects.all(),
        method="filter_content",
        empty_label=_("All"),
    )

    class Meta:
        model = Project
        fields = ["province", "content"]
        form = FilterForm

    def filter_content(self, queryset, name, value):
        return queryset.filter(Q(content=value) | Q(content__parent=value))
