from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("plan/", views.plan_choose, name="plan_choose"),
    path("plan/<int:plan_id>/", views.plan_report, name="plan"),
    path("<slug:name>/", views.report, name="report"),
]
