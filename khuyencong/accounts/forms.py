"""The account forms: password change and reset, invitation, role, and the TOTP code."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from khuyencong.accounts import throttle
from khuyencong.forms import StyledFormMixin
from khuyencong.models import Role


class _FreshHelpText:
    """Django computes the password rules' help text once, when its forms module is imported,
    in whatever language was active then: read it again for each form, in the reader's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "new_password1" in self.fields:
            self.fields[
                "new_password1"
            ].help_text = password_validation.password_validators_help_text_html()
            self.fields["new_password2"].help_text = _(
                "Enter the same password again, to check it."
            )


class PortalPasswordChangeForm(_FreshHelpText, StyledFormMixin, PasswordChangeForm):
    """A wrong old password counts as a failed login of the account (khuyencong.accounts.
    throttle): after too many, the form refuses even the right one for a while."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "throttled": _(
            "Too many wrong passwords: changing the password of this account is paused for "
            "%(minutes)s minutes, even with the right one."
        ),
    }

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)
        self.throttled = False

    def clean_old_password(self):
        if self.request is not None and not throttle.password_attempt_allowed(
            self.request, self.user
        ):
            self.throttled = True
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": throttle.cooloff_minutes()},
            )
        try:
            return super().clean_old_password()
        except ValidationError:
            if self.request is not None:
                throttle.password_attempt_failed(self.request, self.user)
            raise


class PortalSetPasswordForm(_FreshHelpText, StyledFormMixin, SetPasswordForm):
    pass


class ResetRequestForm(StyledFormMixin, PasswordResetForm):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class InviteForm(StyledFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("Email"),
        max_length=150,
        help_text=_("The invitation goes to this address; it is also the login name."),
    )
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role, Role(role).label) for role in roles]
        if roles:
            self.fields["role"].initial = roles[0]


class RoleForm(StyledFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role, Role(role).label) for role in roles]


class TokenForm(StyledFormMixin, forms.Form):
    """The six digits the authenticator app shows."""

    token = forms.RegexField(
        label=_("Code from the authenticator app"),
        regex=r"^\s*[0-9]{6}\s*$",
        max_length=20,
        error_messages={"invalid": _("Enter the 6 digits the app shows.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip()
