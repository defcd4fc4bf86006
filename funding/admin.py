"""Contracts, disbursements, acceptances and settlements: written only through funding.services,
read-only here, for the administrator too (a settled đề án is read-only for everyone; a
disbursement is never edited)."""

from django.contrib import admin

from funding.models import Acceptance, Contract, Disbursement, Settlement
from projects.admin import ReadOnlyAdmin


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
