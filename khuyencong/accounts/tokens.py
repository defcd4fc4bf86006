"""One-time links: a password reset (PASSWORD_RESET_TIMEOUT, a few hours) and an invitation
(INVITATION_TIMEOUT, a few days). Both are Django's signed tokens over the account's password
hash and last login, so a link stops working once used (the password changes) or when the
account signs in; their salts differ, so one is never taken for the other."""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "khuyencong.accounts.tokens.InvitationTokenGenerator"

    def check_token(self, user, token):
        """Django's check with the invitation's own lifetime."""
        if not (user and isinstance(token, str)):
            return False
        ts_b36, _, _ = token.partition("-")
        try:
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return self._num_seconds(self._now()) - ts <= settings.INVITATION_TIMEOUT


invitation_token_generator = InvitationTokenGenerator()
