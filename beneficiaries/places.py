"""Where an establishment is: the provinces and communes a user may pick (never one outside the
user's scope), and the commune select that follows the chosen province. Used by the record's
form and by the list's filter bar."""

from django import forms
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.urls import reverse_lazy

from khuyencong.converters import parse_id
from khuyencong.models import Commune, Province
from khuyencong.scoping import home_province, visible_province_ids, visible_provinces


def province_choices_for_user(user) -> QuerySet[Province]:
    """The provinces the user may pick: today's units first, then the old ones, by name."""
    return visible_provinces(user).order_by(
        Case(
            When(era=Province.Era.Y2025, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "search_name",
    )


def communes_of_visible_province(user, province_id) -> QuerySet[Commune]:
    """The communes of one province, if the user may see it (else none: never a leak)."""
    province_id = parse_id(province_id)
    if province_id is None:
        return Commune.objects.none()
    ids = visible_province_ids(user)
    if ids is not None and province_id not in ids:
        return Commune.objects.none()
    return Commune.objects.filter(province_id=province_id).order_by("search_name")


class CommuneSelect(forms.Select):
    """The communes of the chosen province; static/js/beneficiaries.js reloads the options when
    the province changes."""

    def __init__(self, attrs=None):
        super().__init__({"data-communes-url": reverse_lazy("beneficiaries:list"), **(attrs or {})})


def communes_for_province_field(data, field_name: str, user, stored_province_id=None):
    """Communes of the province in the submitted data, else of the stored record, else of the
    user's home province. Rendering every commune of the country would be 3.321 options."""
    province_id = data.get(field_name) if data is not None else None
    if province_id in (None, ""):
        province_id = stored_province_id
    if province_id in (None, ""):
        home = home_province(user)
        province_id = home.pk if home else None
    return communes_of_visible_province(user, province_id)
