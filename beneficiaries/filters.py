"""The filter bar of the beneficiary list (and of its exports)."""

import django_filters
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from beneficiaries.models import Beneficiary, BeneficiaryKind, ProductGroup
from beneficiaries.places import (
    CommuneSelect,
    communes_for_province_field,
    province_choices_for_user,
)
from khuyencong.forms import StyledFormMixin
from khuyencong.listing import SortFilter, SortFilterSet
from khuyencong.models import Commune, Province


class FilterForm(StyledFormMixin, forms.Form):
    pass


class BeneficiaryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    province = django_filters.ModelChoiceFilter(
        label=capfirst(_("province")),
        queryset=Province.objects.none(),
        empty_label=_("All provinces"),
    )
    commune = django_filters.ModelChoiceFilter(
        label=_("Commune / ward"),
        queryset=Commune.objects.none(),
        empty_label=_("All communes"),
        widget=CommuneSelect,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=BeneficiaryKind.choices, empty_label=_("All kinds")
    )
    product_group = django_filters.ChoiceFilter(
        label=_("Product group"), choices=ProductGroup.choices, empty_label=_("All groups")
    )

    class Meta:
        model = Beneficiary
        fields = ["q", "province", "commune", "kind", "product_group"]
        form = FilterForm

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        # Set before the form is built (and validated by StyledFormMixin).
        self.filters["province"].queryset = province_choices_for_user(user)
        # Only the communes of the chosen (or the user's own) province are offered.
        self.filters["commune"].queryset = communes_for_province_field(self.data, "province", user)

    def filter_q(self, queryset, name, value):
        """Accent-insensitive: "hoa binh", "Hòa Bình" and "Hoà Bình" find the same rows."""
        return queryset.search(value)


class BeneficiarySort(SortFilterSet):
    """Sorting of the beneficiary list: by name unless asked otherwise."""

    sort = SortFilter(
        fields={
            "name_key": "name",
            "kind": "kind",
            "province__search_name": "province",
            "employees": "employees",
            "revenue": "revenue",
        },
        default="name",
    )
