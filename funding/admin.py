"""Support caps are reference data the administrator keeps; budget lines are written only with
their đề án, through projects.services.project_save, so the admin only shows them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from funding.models import BudgetLine, SupportCap
from projects.admin import ReadOnlyAdmin


@admin.register(BudgetLine)
class BudgetLineAdmin(ReadOnlyAdmin):
    list_display = ["project", "source", "proposed", "approved"]
    list_filter = ["source"]
    search_fields = ["project__code", "project__title"]
    list_select_related = ["project"]


@admin.register(SupportCap)
class SupportCapAdmin(SimpleHistoryAdmin):
    list_display = [
        "program",
        "content",
        "province",
        "per",
        "percent",
        "ceiling",
        "valid_from",
        "valid_until",
    ]
    list_filter = ["program", "per", "content"]
    search_fields = ["content__code", "content__name", "legal_basis"]
    list_select_related = ["content", "province"]
    raw_id_fields = ["province"]
