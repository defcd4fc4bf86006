import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _

from khuyencong.text import BIDI_CONTROLS

# The largest integer every database here stores (SQLite INTEGER, PostgreSQL bigint).
MAX_DB_INTEGER = 2**63 - 1

_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c]")
_SPACE_LIKE = re.compile(r"\r\n|[\t\n\r\x0b\x0c]")
_OTHER_CONTROLS = re.compile(rf"[\x00-\x08\x0e-\x1f\x7f{BIDI_CONTROLS}]")


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Typed text without C0 control characters, which nothing here can store or show (an xlsx
    cell refuses them, PostgreSQL refuses NUL). Nothing typed is lost: a line break pasted from
    Word (\\x0b), a tab or a newline becomes a space on one line, a newline in a textarea
    (where \\r\\n becomes \\n and tabs stay); the other controls carry no text and go."""
    value = _NEWLINES.sub("\n", value) if multiline else _SPACE_LIKE.sub(" ", value)
    return _OTHER_CONTROLS.sub("", value)


def _takes_text(field: forms.Field) -> bool:
    # A password is compared, never stored or shown: it is taken exactly as typed.
    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)


class MarkedBoundField(BoundField):
    """Adds Bootstrap's is-invalid (and aria-invalid) to a widget with errors when it is rendered,
    so errors added after validation (cross-row checks, a stale edit) are marked too.

    The submitted value of a text field is read through clean_text, so validation, the saved
    value and the re-displayed form all see the same text, whatever form it belongs to."""

    @property
    def data(self):
        value = super().data
        if isinstance(value, str) and _takes_text(self.field):
            return clean_text(value, multiline=isinstance(self.field.widget, forms.Textarea))
        return value

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.form.is_bound and self.errors:
            widget = widget or self.field.widget
            base = attrs.get("class") or widget.attrs.get("class", "")
            attrs["class"] = f"{base} is-invalid".strip()
            attrs["aria-invalid"] = "true"
        return attrs


def bound_integers(form: forms.BaseForm) -> None:
    """An integer field without its own maximum (a hidden id, a version) still stops at what the
    database stores, so a 20-digit id is a form error, not an overflow in a query. Django's
    own message for a non-number reads badly in Vietnamese ("số tổng thể"): ours replaces it."""
    default_invalid = forms.IntegerField.default_error_messages["invalid"]
    for field in form.fields.values():
        if type(field) is not forms.IntegerField:
            continue  # a DecimalField, FloatField or our MoneyField has its own rules
        if field.max_value is None:
            field.max_value = MAX_DB_INTEGER
            field.validators.append(MaxValueValidator(MAX_DB_INTEGER))
        if field.error_messages["invalid"] is default_invalid:
            field.error_messages["invalid"] = _("Enter a whole number, e.g. 12.")


def style_widgets(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        existing = widget.attrs.get("class", "")
        if css not in existing.split():
            widget.attrs["class"] = f"{existing} {css}".strip()


class StyledFormMixin:
    """Bootstrap classes on every widget, invalid fields marked at render time, so templates stay
    plain; text cleaned of control characters and integers bounded (see MarkedBoundField and
    bound_integers) for every form of the portal. It never validates in __init__, so formsets
    and subclasses can finish setting up."""

    bound_field_class = MarkedBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
        bound_integers(self)


class LoginForm(StyledFormMixin, AuthenticationForm):
    """Django's login form, with the username's length checked: a name longer than any account's
    is a message (not a database error when the failure is recorded), and still a failed login
    that counts towards the lockout, as any other guess does."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))

    def clean(self):
        typed = self.data.get("username", "")
        limit = self.fields["username"].max_length
        if isinstance(typed, str) and len(typed) > limit and self.data.get("password"):
            user_login_failed.send(
                sender=__name__, credentials={"username": typed[:limit]}, request=self.request
            )
        return super().clean()
