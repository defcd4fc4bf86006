from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.forms.boundfield import BoundField


class MarkedBoundField(BoundField):
    """Adds Bootstrap's is-invalid (and aria-invalid) to a widget with errors when it is rendered,
    so errors added after validation (cross-row checks, a stale edit) are marked too."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.form.is_bound and self.errors:
            widget = widget or self.field.widget
            base = attrs.get("class") or widget.attrs.get("class", "")
            attrs["class"] = f"{base} is-invalid".strip()
            attrs["aria-invalid"] = "true"
        return attrs


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
    plain. It never validates in __init__, so formsets and subclasses can finish setting up."""

    bound_field_class = MarkedBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class LoginForm(StyledFormMixin, AuthenticationForm):
    pass


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass
