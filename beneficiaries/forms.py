"""Forms of the beneficiary registry: the establishment, its recognitions and yearly figures."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from beneficiaries.models import Beneficiary, Recognition, Snapshot
from beneficiaries.places import (
    CommuneSelect,
    communes_for_province_field,
    province_choices_for_user,
)
from beneficiaries.selectors import beneficiary_holding_tax_code
from beneficiaries.services import EDITABLE_FIELDS, RecognitionData, SnapshotData
from beneficiaries.taxcode import TaxCodeError, canonical_tax_code
from khuyencong.fields import MoneyField
from khuyencong.forms import StyledFormMixin
from khuyencong.models import Province
from khuyencong.scoping import home_province, visible_province_ids

MAX_EMPLOYEES = 1_000_000
FIRST_YEAR = 1990


def _last_year() -> int:
    return datetime.date.today().year + 1


class _ScopedBeneficiaryForm(forms.ModelForm):
    revenue = MoneyField(
        label=capfirst(_("annual revenue (đồng)")),
        required=False,
        help_text=_("Whole đồng, e.g. 1.234.567."),
    )
    employees = forms.IntegerField(
        label=capfirst(_("employees")),
        required=False,
        min_value=0,
        max_value=MAX_EMPLOYEES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    ocop_stars = forms.IntegerField(
        label=capfirst(_("OCOP stars")),
        required=False,
        min_value=0,
        max_value=5,
        help_text=_("From 0 to 5; leave empty if the products were never rated."),
    )
    tax_code = forms.CharField(
        label=capfirst(_("tax code")),
        required=False,
        max_length=30,
        help_text=Beneficiary._meta.get_field("tax_code").help_text,
    )
    # The version of the record the form was built from: a save based on an older version is
    # refused (beneficiaries.services.beneficiary_update).
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    confirm_not_duplicate = forms.BooleanField(
        label=_("I have checked: this is a different establishment from those listed above."),
        required=False,
    )

    class Meta:
        model = Beneficiary
        fields = list(EDITABLE_FIELDS)
        labels = {"name": _("Name of the establishment"), "kind": _("Kind")}
        widgets = {
            "commune": CommuneSelect,
            "products": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        self.tax_code_warning = ""
        super().__init__(*args, **kwargs)
        # New records take a unit valid today; a stored former unit stays on its record
        # (beneficiaries.services enforces the same rule).
        self.fields["province"].queryset = province_choices_for_user(user).filter(
            Q(pk__in=Province.objects.valid_on(timezone.localdate()).values("pk"))
            | Q(pk=self.instance.province_id)
        )
        self.fields["province"].error_messages["invalid_choice"] = _(
            "Choose one of the provinces in the list."
        )
        self.fields["commune"].queryset = communes_for_province_field(
            self.data if self.is_bound else None,
            self.add_prefix("province"),
            user,
            self.instance.province_id if self.instance.pk else None,
        )
        self.fields["commune"].error_messages["invalid_choice"] = _(
            "This commune does not belong to the chosen province."
        )
        self.fields["name"].error_messages["required"] = _("Please enter the name.")
        if self.instance.pk:
            self.fields["lock_version"].initial = self.instance.lock_version
            del self.fields["confirm_not_duplicate"]
        else:
            home = home_province(user)
            ids = visible_province_ids(user)
            if home is not None and (ids is None or home.pk in ids):
                self.fields["province"].initial = home.pk

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_tax_code(self):
        try:
            result = canonical_tax_code(self.cleaned_data.get("tax_code"))
        except TaxCodeError as error:
            raise forms.ValidationError(error.message, code=error.code) from error
        if result is None:
            return None
        holder = beneficiary_holding_tax_code(result.value, exclude_pk=self.instance.pk)
        if holder is not None:
            ids = visible_province_ids(self.user)
            if ids is None or holder.province_id in ids:
                raise forms.ValidationError(
                    gettext(
                        "This tax code is already registered to “%(name)s” (%(province)s). "
                        "Open that establishment instead of registering it again."
                    )
                    % {"name": holder.name, "province": holder.province},
                    code="tax_code_taken",
                )
            raise forms.ValidationError(
                gettext(
                    "This tax code is already registered to an establishment of another "
                    "province. Ask that province's centre or the administrator to check it."
                ),
                code="tax_code_taken",
            )
        self.tax_code_warning = result.warning
        return result.value

    def clean(self):
        cleaned = super().clean()
        province, commune = cleaned.get("province"), cleaned.get("commune")
        if province is not None and commune is not None and commune.province_id != province.pk:
            self.add_error("commune", _("This commune does not belong to the chosen province."))
        return cleaned

    def validate_unique(self):
        # The tax code, the only unique field, is checked in clean_tax_code with a message that
        # names the establishment holding it; the database's unique index backs that check.
        pass

    def model_data(self) -> dict:
        """The cleaned values of the model's fields, for the services."""
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


class BeneficiaryForm(StyledFormMixin, _ScopedBeneficiaryForm):
    pass


class _YearNotAheadMixin:
    """A recognition's or a yearly figure's year: from FIRST_YEAR to next year."""

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > _last_year():
            raise forms.ValidationError(
                _("The year cannot be after %(year)s.") % {"year": _last_year()}
            )
        return year


class RecognitionForm(_YearNotAheadMixin, StyledFormMixin, forms.ModelForm):
    year = forms.IntegerField(label=capfirst(_("year")), min_value=FIRST_YEAR)

    class Meta:
        model = Recognition
        fields = ["product", "level", "year"]


class SnapshotForm(_YearNotAheadMixin, StyledFormMixin, forms.ModelForm):
    year = forms.IntegerField(label=capfirst(_("year")), min_value=FIRST_YEAR)
    revenue = MoneyField(label=capfirst(_("revenue (đồng)")), required=False)
    employees = forms.IntegerField(
        label=capfirst(_("employees")), required=False, min_value=0, max_value=MAX_EMPLOYEES
    )

    class Meta:
        model = Snapshot
        fields = ["year", "revenue", "employees", "capacity"]


class _ChildFormSet(forms.BaseInlineFormSet):
    def rows(self) -> list:
        """The rows to keep after this save: changed or untouched stored rows and filled-in new
        ones; rows ticked for deletion and empty extra forms are left out."""
        rows = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            rows.append(self.row(form.cleaned_data, form.instance.pk))
        return rows


class RecognitionFormSet(_ChildFormSet):
    def row(self, data, pk) -> RecognitionData:
        return RecognitionData(
            product=data["product"], level=data["level"], year=data["year"], pk=pk
        )


class SnapshotFormSet(_ChildFormSet):
    def row(self, data, pk) -> SnapshotData:
        return SnapshotData(
            year=data["year"],
            revenue=data.get("revenue"),
            employees=data.get("employees"),
            capacity=data.get("capacity", ""),
            pk=pk,
        )


RecognitionFormSetFactory = forms.inlineformset_factory(
    Beneficiary,
    Recognition,
    form=RecognitionForm,
    formset=RecognitionFormSet,
    extra=1,
    can_delete=True,
)
SnapshotFormSetFactory = forms.inlineformset_factory(
    Beneficiary,
    Snapshot,
    form=SnapshotForm,
    formset=SnapshotFormSet,
    extra=1,
    can_delete=True,
)
