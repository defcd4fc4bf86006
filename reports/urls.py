from django.urls import path

import khuyencong.converters  # noqa: F401  registers <id:...>
from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("plan/", views.plan_choose, name="plan_choose"),
    path("plan/<id:plan_id>/", views.plan_report, name="plan"),
    path("<slug:name>/", views.report, name="report"),
]
