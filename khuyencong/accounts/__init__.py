"""Accounts the offices run themselves.

- roles.py: which roles each kind of organisation has, who manages whom, who needs a second factor;
- services.py: every change to an account (invite, role, deactivate...), each one AccountEvent;
- selectors.py: the people a head manages (another organisation's: 404);
- throttle.py: password changes and reset emails counted like logins;
- two_factor.py, middleware.py: TOTP sign-in for the people who approve money, idle sessions;
- views/, urls.py: login, password change and reset, invitations, /accounts/staff/.
"""
