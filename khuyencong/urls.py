from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import include, path

import khuyencong.converters  # noqa: F401  registers <id:...>
from khuyencong import export_views, notification_views, views
from khuyencong.env import env_bool

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("accounts/", include("khuyencong.accounts.urls")),
    path("exports/<id:pk>/", export_views.export_job, name="export_job"),
    path("exports/<id:pk>/download/", export_views.export_download, name="export_download"),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path("notifications/read/", notification_views.notification_read, name="notifications_read"),
    path("beneficiaries/", include("beneficiaries.urls")),
    path("", include("projects.urls")),
    path("", include("funding.urls")),
    path("reports/", include("reports.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if env_bool("BENCH_VIEWS", False):
    # `make bench` only: a bare authenticated page through the same middleware, the baseline
    # every page's latency is divided by (tests/bench).
    def bench_ping(request):
        return render(request, "bench/ping.html")

    urlpatterns.append(path("_bench/ping/", login_required(bench_ping), name="bench_ping"))
