from django import forms
from django.contrib import admin
from django.db.models import F
from simple_history.admin import SimpleHistoryAdmin

from beneficiaries.models import Beneficiary, Recognition, Snapshot
from beneficiaries.services import EDITABLE_FIELDS
from beneficiaries.taxcode import TaxCodeError, canonical_tax_code


class RecognitionInline(admin.TabularInline):
    model = Recognition
    extra = 0


class SnapshotInline(admin.TabularInline):
    model = Snapshot
    extra = 0


class BeneficiaryAdminForm(forms.ModelForm):
    """The admin stores tax codes the way the portal does: canonical form, NULL when empty."""

    class Meta:
        model = Beneficiary
        fields = list(EDITABLE_FIELDS)

    def clean_tax_code(self):
        try:
            result = canonical_tax_code(self.cleaned_data.get("tax_code"))
        except TaxCodeError as error:
            raise forms.ValidationError(error.message, code=error.code) from error
        return result.value if result else None


@admin.register(Beneficiary)
class BeneficiaryAdmin(SimpleHistoryAdmin):
    form = BeneficiaryAdminForm
    list_display = ["name", "tax_code", "kind", "commune", "province", "employees"]
    list_filter = ["kind", "product_group", "province__era", "women_owned", "ethnic_minority"]
    list_select_related = ["province", "commune"]
    search_fields = ["search_text", "tax_code"]
    raw_id_fields = ["commune"]
    readonly_fields = ["lock_version", "created_by", "created_at", "updated_at"]
    inlines = [RecognitionInline, SnapshotInline]

    def get_search_results(self, request, queryset, search_term):
        # search_text is stored normalised: search with the same accent-insensitive rule.
        if search_term:
            return queryset.search(search_term), False
        return queryset, False

    def save_model(self, request, obj, form, change):
        # An admin save is a new version too, so a form opened before it is refused on save.
        if change:
            obj.lock_version = F("lock_version") + 1
        elif obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if change:
            obj.refresh_from_db(fields=["lock_version"])


@admin.register(Recognition)
class RecognitionAdmin(SimpleHistoryAdmin):
    list_display = ["product", "level", "year", "beneficiary"]
    list_filter = ["level", "year"]
    list_select_related = ["beneficiary"]
    search_fields = ["product", "beneficiary__search_text"]
    raw_id_fields = ["beneficiary"]


@admin.register(Snapshot)
class SnapshotAdmin(SimpleHistoryAdmin):
    list_display = ["beneficiary", "year", "revenue", "employees"]
    list_filter = ["year"]
    list_select_related = ["beneficiary"]
    raw_id_fields = ["beneficiary"]
