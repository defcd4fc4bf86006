"""The account pages under /accounts/ (the login URL stays where users bookmarked it)."""

from django.contrib.auth import views as auth_views
from django.urls import path

import khuyencong.converters  # noqa: F401  registers <id:...>
from khuyencong.accounts import staff_views, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "invitation/<uidb64>/<token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path("two-factor/", views.two_factor_verify, name="two_factor"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("staff/", staff_views.staff_list, name="staff_list"),
    path("staff/invite/", staff_views.staff_invite, name="staff_invite"),
    path("staff/<id:pk>/role/", staff_views.staff_role, name="staff_role"),
    path("staff/<id:pk>/deactivate/", staff_views.staff_deactivate, name="staff_deactivate"),
    path("staff/<id:pk>/reactivate/", staff_views.staff_reactivate, name="staff_reactivate"),
    path(
        "staff/<id:pk>/two-factor-reset/",
        staff_views.staff_two_factor_reset,
        name="staff_two_factor_reset",
    ),
    path("staff/<id:pk>/reinvite/", staff_views.staff_reinvite, name="staff_reinvite"),
]
