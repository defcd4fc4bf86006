"""Support caps are reference data the administrator keeps; budget lines are written only with
their đề án, through projects.services.project_save, so the admin only shows them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from funding.models import (
    Acceptance,
    Attachment,
    BudgetLine,
    Contract,
    Disbursement,
    Settlement,
    SupportCap,
)
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


# --- Implementation (issue 9): written only through funding.services, read-only here, for the
# administrator too (a settled đề án is read-only for everyone; a disbursement is never edited).


@admin.register(Contract)
class ContractAdmin(ReadOnlyAdmin):
    list_display = ["project", "number", "date", "party", "value"]
    search_fields = ["project__code", "number", "party"]
    list_select_related = ["project"]


@admin.register(Disbursement)
class DisbursementAdmin(ReadOnlyAdmin):
    list_display = ["project", "source", "kind", "date", "amount", "document_number", "reverses"]
    list_filter = ["source", "kind"]
    search_fields = ["project__code", "document_number"]
    list_select_related = ["project"]


@admin.register(Acceptance)
class AcceptanceAdmin(ReadOnlyAdmin):
    list_display = ["project", "date", "result", "actual_total"]
    list_filter = ["result"]
    search_fields = ["project__code"]
    list_select_related = ["project"]


@admin.register(Settlement)
class SettlementAdmin(ReadOnlyAdmin):
    list_display = ["project", "closed_on", "amount", "decision_number", "decision_date"]
    search_fields = ["project__code", "decision_number"]
    list_select_related = ["project"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "kind", "plan", "project", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["original_name", "project__code"]
    list_select_related = ["plan__province", "project"]
    # The file is private: never linked from the admin (its URL would be under MEDIA_URL).
    exclude = ["file"]
