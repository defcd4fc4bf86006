"""The three inline row sets of the đề án form (budget lines, establishments, outputs).

Rows are deleted only when their Delete box is ticked: each stored row travels with its id, and a
POST that leaves out a stored row, or names a row of another record, is refused whole.
"""

from collections import defaultdict

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beneficiaries.selectors import beneficiary_queryset_for_user
from khuyencong.fields import MoneyField, ObjectChoiceField
from khuyencong.forms import StyledFormMixin
from khuyencong.text import normalize
from projects.models import Content, Source

# Hard limits of the row sets: the page never offers more, and a POST claiming more rows is
# refused before any row is built (Django's absolute_max), however large the number it claims.
MAX_BUDGET_LINES = len(Source.choices)
MAX_PARTICIPANTS = 200
MAX_OUTPUTS = 50
# Ids are stored in 64-bit columns: a larger number is not an id.
MAX_ROW_ID = 2**63 - 1


class RowForm(StyledFormMixin, forms.Form):
    # The stored row this one shows (blank on a new row). Checked against the đề án's own rows:
    # see RowFormSet.check_rows.
    id = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=MAX_ROW_ID
    )


class RowFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": gettext_lazy("This list can hold at most %(num)d rows."),
        "missing_management_form": gettext_lazy(
            "The form arrived incomplete (its row counts are missing): nothing was saved. "
            "Reload the page and try again."
        ),
    }
    # Ids of the đề án's stored rows of this set (set by ProjectEditor); None skips the check
    # (an edit from an older version, refused as stale by the service).
    stored_ids: frozenset | None = frozenset()

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.stored_ids is not None and not self._non_form_errors:
            try:
                self.check_rows()
            except forms.ValidationError as error:
                self._non_form_errors = self.error_class(
                    error.error_list, error_class="nonform", renderer=self.renderer
                )

    def check_rows(self) -> None:
        """Every stored row is in the POST, kept or ticked for deletion, and no row names a
        row that is not one of this đề án's own."""
        if self.initial_form_count() != len(self.stored_ids):
            raise forms.ValidationError(self._incomplete_message(), code="missing_rows")
        posted = []
        for form in self.forms:
            # Read as sent: an unchanged extra row skips validation, yet may carry an id.
            raw = form.data.get(form.add_prefix("id"))
            if raw in (None, ""):
                continue
            try:
                posted.append(form.fields["id"].clean(raw))
            except forms.ValidationError:
                raise forms.ValidationError(self._foreign_message(), code="foreign_row") from None
        if any(row_id not in self.stored_ids for row_id in posted) or len(posted) != len(
            set(posted)
        ):
            raise forms.ValidationError(self._foreign_message(), code="foreign_row")
        if set(posted) != self.stored_ids:
            raise forms.ValidationError(self._incomplete_message(), code="missing_rows")

    @staticmethod
    def _incomplete_message() -> str:
        return _(
            "The form arrived without some of the saved rows: nothing was saved. Reload the "
            "page and try again; a row is deleted only when its Delete box is ticked."
        )

    @staticmethod
    def _foreign_message() -> str:
        return _(
            "A row of the form does not belong to this project: nothing was saved. Reload "
            "the page and try again."
        )

    def live_forms(self) -> list:
        """Rows that hold something and are not marked for deletion (valid or not)."""
        return [
            form
            for form in self.forms
            # An untouched extra row is skipped by validation and has empty cleaned_data.
            if form.is_bound
            and getattr(form, "cleaned_data", None)
            and not (self.can_delete and self._should_delete_form(form))
        ]


class BudgetLineForm(RowForm):
    source = forms.ChoiceField(
        label=gettext_lazy("source"), choices=[("", "---------"), *Source.choices]
    )
    proposed = MoneyField(label=gettext_lazy("proposed (đồng)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed"].widget.attrs["data-amount"] = "proposed"
        self.fields["proposed"].widget.attrs["class"] += " text-end"
        self.fields["source"].widget.attrs["data-source"] = "source"


class BaseBudgetLineFormSet(RowFormSet):
    def clean(self):
        seen = set()
        for form in self.live_forms():
            source = form.cleaned_data.get("source")
            if not source:
                continue
            if source in seen:
                form.add_error(
                    "source",
                    forms.ValidationError(
                        _("This source already has a line: give each source one line only."),
                        code="duplicate",
                    ),
                )
            seen.add(source)

    def amounts(self) -> list[tuple[str, int]]:
        """(source, proposed) of the rows that parsed, even when others did not: the totals are
        shown again on every POST."""
        return [
            (form.cleaned_data["source"], form.cleaned_data["proposed"])
            for form in self.live_forms()
            if form.cleaned_data.get("source") and form.cleaned_data.get("proposed") is not None
        ]


class ParticipationForm(RowForm):
    beneficiary = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    beneficiary_name = forms.CharField(
        label=gettext_lazy("beneficiary"),
        required=False,
        max_length=255,
        help_text=gettext_lazy("Type 2 letters of the name or the tax code, then pick."),
    )
    support_amount = MoneyField(label=gettext_lazy("support (đồng)"), required=False)
    counterpart_amount = MoneyField(label=gettext_lazy("counterpart (đồng)"), required=False)

    def __init__(self, *args, search_url="", **kwargs):
        super().__init__(*args, **kwargs)
        name = self.fields["beneficiary_name"].widget
        name.attrs.update(
            {"class": f"{name.attrs['class']} beneficiary-search", "autocomplete": "off"}
        )
        name.attrs["data-search-url"] = search_url
        name.attrs["data-no-results"] = _("No establishment of your province matches.")
        for name in ("support_amount", "counterpart_amount"):
            widget = self.fields[name].widget
            widget.attrs["data-amount"] = name.removesuffix("_amount")
            widget.attrs["class"] += " text-end"

    def clean(self):
        cleaned = super().clean()
        for name in ("support_amount", "counterpart_amount"):
            if name in cleaned and cleaned[name] is None:
                cleaned[name] = 0
        picked = cleaned.get("beneficiary") or (cleaned.get("beneficiary_name") or "").strip()
        if not picked and "beneficiary_name" not in self.errors:
            self.add_error(
                "beneficiary_name",
                forms.ValidationError(
                    _("Pick an establishment, or tick Delete to remove this row."),
                    code="required",
                ),
            )
        return cleaned


class BaseParticipationFormSet(RowFormSet):
    user = None

    def clean(self):
        """Find every row's establishment among those the user may see, in one query: by the id
        the search widget filled in, or (without JavaScript) by the exact tax code or name."""
        rows = [
            form
            for form in self.live_forms()
            if "beneficiary" in form.cleaned_data and "beneficiary_name" not in form.errors
        ]
        ids, typed = set(), set()
        for form in rows:
            if form.cleaned_data["beneficiary"]:
                ids.add(form.cleaned_data["beneficiary"])
            elif form.cleaned_data.get("beneficiary_name", "").strip():
                typed.add(form.cleaned_data["beneficiary_name"].strip())
        found = []
        if ids or typed:
            found = list(
                beneficiary_queryset_for_user(self.user)
                .filter(
                    Q(pk__in=ids)
                    | Q(tax_code__in=typed)
                    | Q(name_key__in={normalize(text) for text in typed})
                )
                .only("pk", "name", "tax_code", "name_key")
            )
        by_id = {b.pk: b for b in found}
        by_tax_code = {b.tax_code: b for b in found if b.tax_code}
        by_name = defaultdict(list)
        for b in found:
            by_name[b.name_key].append(b)
        seen = set()
        for form in rows:
            chosen_id = form.cleaned_data["beneficiary"]
            text = form.cleaned_data.get("beneficiary_name", "").strip()
            if chosen_id:
                beneficiary = by_id.get(chosen_id)
                if beneficiary is None:
                    form.add_error(
                        "beneficiary_name",
                        forms.ValidationError(
                            _("This establishment does not exist or is not in your province."),
                            code="not_visible",
                        ),
                    )
                    continue
            else:
                named = by_name.get(normalize(text), [])
                beneficiary = by_tax_code.get(text) or (named[0] if len(named) == 1 else None)
                if beneficiary is None:
                    message = (
                        _("Several establishments have this name: pick one from the list.")
                        if named
                        else _("No establishment of your province has this name or tax code.")
                    )
                    form.add_error(
                        "beneficiary_name", forms.ValidationError(message, code="not_found")
                    )
                    continue
            if beneficiary.pk in seen:
                form.add_error(
                    "beneficiary_name",
                    forms.ValidationError(
                        _("This establishment is already in the list."), code="duplicate"
                    ),
                )
                continue
            seen.add(beneficiary.pk)
            form.cleaned_data["beneficiary_object"] = beneficiary

    def amounts(self) -> list[tuple[int, int]]:
        return [
            (
                form.cleaned_data.get("support_amount") or 0,
                form.cleaned_data.get("counterpart_amount") or 0,
            )
            for form in self.live_forms()
        ]


class OutputForm(RowForm):
    indicator = ObjectChoiceField(label=gettext_lazy("indicator"))
    # A text box, not type=number: a mouse wheel over it must not change the figure.
    planned = forms.IntegerField(
        label=gettext_lazy("planned"),
        min_value=1,
        max_value=10**9,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "text-end"}),
    )

    def __init__(self, *args, indicators=(), indicator_data=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].set_objects(indicators)
        self.fields["indicator"].widget.option_data = indicator_data or {}
        self.fields["indicator"].widget.attrs["data-indicator"] = "indicator"


class BaseOutputFormSet(RowFormSet):
    content: Content | None = None

    def clean(self):
        seen = set()
        allowed = {self.content.pk, self.content.parent_id} if self.content else None
        for form in self.live_forms():
            indicator = form.cleaned_data.get("indicator")
            if indicator is None:
                continue
            if allowed is not None and not allowed & {c.pk for c in indicator.contents.all()}:
                form.add_error(
                    "indicator",
                    forms.ValidationError(
                        _("This indicator does not measure the content %(content)s."),
                        code="wrong_content",
                        params={"content": self.content.code},
                    ),
                )
            elif indicator.pk in seen:
                form.add_error(
                    "indicator",
                    forms.ValidationError(
                        _("This indicator is already in the list."), code="duplicate"
                    ),
                )
            seen.add(indicator.pk)


def _row_formset(form, formset, limit: int):
    return forms.formset_factory(
        form,
        formset=formset,
        extra=1,
        can_delete=True,
        max_num=limit,
        absolute_max=limit,
        validate_max=True,
    )


BudgetLineFormSet = _row_formset(BudgetLineForm, BaseBudgetLineFormSet, MAX_BUDGET_LINES)
ParticipationFormSet = _row_formset(ParticipationForm, BaseParticipationFormSet, MAX_PARTICIPANTS)
OutputFormSet = _row_formset(OutputForm, BaseOutputFormSet, MAX_OUTPUTS)
