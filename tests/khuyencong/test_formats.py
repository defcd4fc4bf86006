import datetime

from django import forms
from django.template import Context, Template
from django.utils import formats, translation


def test_vietnamese_numbers_group_thousands_with_dots():
    with translation.override("vi"):
        assert formats.number_format(1234567, force_grouping=True) == "1.234.567"
        assert formats.number_format(3422.2, 1, force_grouping=True) == "3.422,2"


def test_dates_are_entered_day_first():
    class DateForm(forms.Form):
        day = forms.DateField()

    with translation.override("vi"):
        form = DateForm({"day": "25/12/2024"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == datetime.date(2024, 12, 25)
        assert not DateForm({"day": "12/25/2024"}).is_valid()


def test_dates_are_shown_day_first_in_both_languages():
    day = datetime.date(2025, 7, 1)
    for language in ("vi", "en"):
        with translation.override(language):
            assert Template("{{ d|date:'SHORT_DATE_FORMAT' }}").render(Context({"d": day})) == (
                "01/07/2025"
            )


def test_money_filters_are_builtin_in_templates():
    rendered = Template("{{ a|dong }} | {{ a|million }}").render(Context({"a": 3422200000}))
    assert rendered == "3.422.200.000 đ | 3.422,2 triệu đồng"
