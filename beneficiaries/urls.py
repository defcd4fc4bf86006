from django.urls import path

import khuyencong.converters  # noqa: F401  registers <id:...>
from beneficiaries import views
from khuyencong.importing.views import import_urls

app_name = "beneficiaries"
urlpatterns = [
    path("", views.beneficiary_list, name="list"),
    path("new/", views.beneficiary_create, name="create"),
    path("search/", views.beneficiary_search, name="search"),
    path("<id:pk>/", views.beneficiary_detail, name="detail"),
    path("<id:pk>/edit/", views.beneficiary_edit, name="edit"),
    *import_urls("beneficiaries", "beneficiaries"),
]
