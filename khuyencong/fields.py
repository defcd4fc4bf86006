"""Form fields for the Vietnamese way of typing money and months."""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from khuyencong.formatting import group_thousands

# Whole đồng as people type them: plain digits, or groups of three after the first, separated
# by dots or by (non-breaking) spaces, one kind per amount ("1.500.000", "1 500 000"). "1.5" is
# not 15 (nor one and a half: đồng have no fraction), and "1_000" is Python's, not a person's.
_MONEY = re.compile(r"[0-9]+|0*[0-9]{1,3}(?:\.[0-9]{3})+|0*[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+")
_MONEY_SEPARATORS = re.compile(r"[. \u00a0\u202f]")
_DIGITS_AND_SEPARATORS = re.compile(r"[0-9. \u00a0\u202f]+")
_MONTH = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")


class MoneyInput(forms.TextInput):
    """Shows an amount grouped the Vietnamese way (1.234.567) and asks phones for digits."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "class": "money-input", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int):
            return group_thousands(value)
        return super().format_value(value)


class MoneyField(forms.Field):
    """Integer đồng. Accepts "1.234.567", "1 234 567" or "1234567"; refuses decimals, signs and
    dots that do not group thousands ("1.5", "1.50.000")."""

    widget = MoneyInput
    default_error_messages = {
        "invalid": _("Enter a whole number of đồng, e.g. 1.234.567."),
        "grouping": _(
            "Dots separate thousands in groups of three digits, e.g. 1.500.000; an amount has "
            "no decimal part."
        ),
        "decimal": _("Amounts are whole đồng: remove the decimal part (after the comma)."),
        "negative": _("An amount cannot be negative."),
        "too_large": _("This amount is too large."),
    }

    def __init__(self, *, max_value: int = 10**15, **kwargs):
        self.max_value = max_value
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            text = str(value)
        else:
            text = str(value).strip().removesuffix("đ").removesuffix("đồng").strip()
        if text.startswith("-"):
            raise forms.ValidationError(self.error_messages["negative"], code="negative")
        if "," in text:
            raise forms.ValidationError(self.error_messages["decimal"], code="decimal")
        if not _MONEY.fullmatch(text):
            code = "grouping" if _DIGITS_AND_SEPARATORS.fullmatch(text) else "invalid"
            raise forms.ValidationError(self.error_messages[code], code=code)
        digits = _MONEY_SEPARATORS.sub("", text)
        # Judge the length before int(): Python refuses strings of more than 4.300 digits.
        digits = digits.lstrip("0") or "0"
        if len(digits) > len(str(self.max_value)) or int(digits) > self.max_value:
            raise forms.ValidationError(self.error_messages["too_large"], code="too_large")
        return int(digits)


class MonthInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"placeholder": "mm/yyyy", "inputmode": "numeric", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return value.strftime("%m/%Y")
        return super().format_value(value)


class MonthField(forms.Field):
    """A month typed as mm/yyyy, stored as the first day of that month."""

    widget = MonthInput
    default_error_messages = {"invalid": _("Enter a month as mm/yyyy, e.g. 03/2027.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        match = _MONTH.match(str(value))
        if not match:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        month, year = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12 or not 1990 <= year <= 2100:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return datetime.date(year, month, 1)


class DataSelect(forms.Select):
    """A select whose options carry data- attributes: option_data maps a value to its attrs."""

    def __init__(self, attrs=None, option_data=None):
        super().__init__(attrs)
        self.option_data = option_data or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"].update(self.option_data.get(str(value), {}))
        return option


class ObjectChoiceField(forms.ChoiceField):
    """A choice among model objects already in memory: renders and validates without a query.

    `choices` may be grouped ((group label, [(pk, label), ...]) renders an optgroup)."""

    widget = DataSelect

    def __init__(self, *, objects=(), choices=None, empty_label="---------", **kwargs):
        super().__init__(**kwargs)
        self.set_objects(objects, choices, empty_label)

    def set_objects(self, objects, choices=None, empty_label="---------"):
        objects = list(objects)
        self.objects = {str(obj.pk): obj for obj in objects}
        if choices is None:
            choices = [(obj.pk, str(obj)) for obj in objects]
        self.choices = [("", empty_label), *choices]

    def prepare_value(self, value):
        return getattr(value, "pk", value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        obj = self.objects.get(str(self.prepare_value(value)))
        if obj is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return obj

    def validate(self, value):
        forms.Field.validate(self, value)

    def has_changed(self, initial, data):
        initial = self.prepare_value(initial)
        return str("" if initial is None else initial) != str(data or "")
