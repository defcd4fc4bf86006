from django.urls import path

import khuyencong.converters  # noqa: F401  registers <id:...>
from khuyencong.importing.views import import_urls
from projects.views import adjustments, edit, ministry, plans, projects, review

app_name = "projects"
urlpatterns = [
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/open/", plans.plan_open, name="plan_open"),
    path("plans/<id:pk>/", plans.plan_detail, name="plan_detail"),
    # The review of a plan (stable: submit, return, approve).
    path("plans/<id:pk>/submit/", review.plan_submit, name="plan_submit"),
    path("plans/<id:pk>/return/", review.plan_return, name="plan_return"),
    path("plans/<id:pk>/approve/", review.plan_approve, name="plan_approve"),
    path("plans/<id:pk>/decision/", review.plan_decision_file, name="plan_decision_file"),
    path("plans/<id:pk>/adjustments/", adjustments.adjustment_open, name="adjustment_open"),
    path("projects/", projects.project_list, name="list"),
    path("projects/new/", edit.project_create, name="create"),
    path("projects/<id:pk>/", projects.project_detail, name="detail"),
    path("projects/<id:pk>/edit/", edit.project_edit, name="edit"),
    path("projects/<id:pk>/versions/", projects.project_versions, name="versions"),
    path("projects/<id:pk>/comment/", review.project_comment, name="project_comment"),
    path("projects/<id:pk>/reject/", review.project_reject, name="project_reject"),
    path(
        "projects/<id:pk>/approved-amounts/",
        review.project_approved_amounts,
        name="project_approved_amounts",
    ),
    # The ministry's KCQG approvals.
    path("ministry/projects/", ministry.ministry_list, name="ministry_list"),
    path("projects/<id:pk>/ministry-approve/", ministry.ministry_approve, name="ministry_approve"),
    path("projects/<id:pk>/ministry-reject/", ministry.ministry_reject, name="ministry_reject"),
    # Adjustments (điều chỉnh, bổ sung, ngừng triển khai).
    path("adjustments/<id:pk>/", adjustments.adjustment_detail, name="adjustment_detail"),
    path(
        "adjustments/<id:pk>/change/<id:project_pk>/",
        adjustments.adjustment_change,
        name="adjustment_change",
    ),
    path("adjustments/<id:pk>/add/", adjustments.adjustment_add, name="adjustment_add"),
    path("adjustments/<id:pk>/stop/", adjustments.adjustment_stop, name="adjustment_stop"),
    path(
        "adjustments/<id:pk>/items/<id:item_pk>/",
        adjustments.adjustment_item_edit,
        name="adjustment_item_edit",
    ),
    path(
        "adjustments/<id:pk>/items/<id:item_pk>/delete/",
        adjustments.adjustment_item_delete,
        name="adjustment_item_delete",
    ),
    path("adjustments/<id:pk>/submit/", adjustments.adjustment_submit, name="adjustment_submit"),
    path("adjustments/<id:pk>/return/", adjustments.adjustment_return, name="adjustment_return"),
    path("adjustments/<id:pk>/approve/", adjustments.adjustment_approve, name="adjustment_approve"),
    path(
        "adjustments/<id:pk>/decision/",
        adjustments.adjustment_decision_file,
        name="adjustment_decision_file",
    ),
    *import_urls("projects", "projects", prefix="projects/import/"),
]
