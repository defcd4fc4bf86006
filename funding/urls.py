from django.urls import path

import khuyencong.converters  # noqa: F401  registers <id:...>
from funding import views

app_name = "funding"
urlpatterns = [
    # Stable: users bookmark them and scripts post to them.
    path("projects/<id:pk>/contracts/new/", views.contract_new, name="contract_new"),
    path("projects/<id:pk>/disbursements/new/", views.disbursement_new, name="disbursement_new"),
    path(
        "projects/<id:pk>/disbursements/<id:disbursement_pk>/reverse/",
        views.disbursement_reverse,
        name="disbursement_reverse",
    ),
    path("projects/<id:pk>/acceptance/", views.acceptance, name="acceptance"),
    path("projects/<id:pk>/settlement/", views.settlement_new, name="settlement"),
    path("projects/<id:pk>/attachments/new/", views.attachment_new, name="attachment_new"),
    path("attachments/<id:pk>/", views.attachment_download, name="attachment"),
]
