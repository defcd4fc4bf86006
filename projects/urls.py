from django.urls import path

import khuyencong.converters  # noqa: F401  registers <id:...>
from khuyencong.importing.views import import_urls
from projects.views import edit, plans, projects

app_name = "projects"
urlpatterns = [
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/open/", plans.plan_open, name="plan_open"),
    path("plans/<id:pk>/", plans.plan_detail, name="plan_detail"),
    path("projects/", projects.project_list, name="list"),
    path("projects/new/", edit.project_create, name="create"),
    path("projects/<id:pk>/", projects.project_detail, name="detail"),
    path("projects/<id:pk>/edit/", edit.project_edit, name="edit"),
    *import_urls("projects", "projects", prefix="projects/import/"),
]
