from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from funding.models import BudgetLine, SupportCap


@admin.register(BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    list_display = ["project", "source", "proposed", "approved"]
    list_filter = ["source"]
    search_fields = ["project__code", "project__title"]
    list_select_related = ["project"]
    raw_id_fields = ["project"]


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
