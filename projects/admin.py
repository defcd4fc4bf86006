"""Reference data (contents, indicators) for the administrator, and plans and đề án to look at.

Đề án, their budget lines, participations and outputs are written only through
projects.services.project_save, which checks the money rules under the plan lock; plans change
status only through the workflow services. So the admin shows them read-only (a plan's decision
number and date stay editable), and their history cannot be reverted from here either.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from projects.models import (
    Activity,
    ActivityContent,
    Attachment,
    BudgetLine,
    CentreYearFact,
    Content,
    Indicator,
    Participation,
    Plan,
    Project,
    ProjectOutput,
    ResultsRow,
    SupportCap,
)


class NoRevertHistoryAdmin(SimpleHistoryAdmin):
    """History can be read, not reverted: a revert would save an old version around the
    services (simple_history only asks for the view permission)."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True


class ReadOnlyAdmin(NoRevertHistoryAdmin):
    """Viewable, never written from the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Content)
class ContentAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "parent", "needs_beneficiaries", "sort_order", "is_active"]
    list_filter = ["is_active", "needs_beneficiaries", "parent"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    ordering = ["sort_order", "code"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "results_row", "sort_order"]
    list_filter = ["results_row"]
    list_select_related = ["results_row"]
    search_fields = ["name", "unit"]
    filter_horizontal = ["contents"]


@admin.register(Plan)
class PlanAdmin(NoRevertHistoryAdmin):
    list_display = ["year", "province", "status", "version", "decision_number", "decision_date"]
    list_filter = ["status", "year"]
    search_fields = ["province__name", "decision_number"]
    list_select_related = ["province"]
    # The workflow (open, submit, return, approve) sets these; the admin only shows them.
    readonly_fields = [
        "province",
        "year",
        "status",
        "version",
        "submitted_by",
        "submitted_at",
        "approved_by",
        "approved_at",
        "created_by",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ParticipationInline(ReadOnlyInline):
    model = Participation
    fields = ["beneficiary", "support_amount", "counterpart_amount"]


class ProjectOutputInline(ReadOnlyInline):
    model = ProjectOutput
    fields = ["indicator", "planned", "actual"]


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "program", "content", "activity", "status", "plan"]
    list_filter = ["program", "status", "plan__year", "content"]
    search_fields = ["code", "title", "search_text"]
    list_select_related = ["content", "activity", "plan__province"]
    inlines = [ParticipationInline, ProjectOutputInline]


# --- Reporting reference data: the lines and rows of the provinces' yearly forms ---------------


class ActivityContentInline(admin.TabularInline):
    model = ActivityContent
    extra = 0
    autocomplete_fields = ["content"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "sort_order"]
    search_fields = ["code", "label"]
    ordering = ["sort_order", "code"]
    inlines = [ActivityContentInline]


class ResultsRowIndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["name", "unit"]
    readonly_fields = ["name", "unit"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ResultsRow)
class ResultsRowAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "unit", "source", "activity", "sort_order"]
    list_filter = ["source"]
    search_fields = ["code", "label"]
    list_select_related = ["activity"]
    ordering = ["sort_order", "code"]
    inlines = [ResultsRowIndicatorInline]


@admin.register(CentreYearFact)
class CentreYearFactAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "year", "staff_count"]
    list_filter = ["year"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]


# --- Money and documents ---------------------------------------------------------------------
# Support caps are reference data the administrator keeps; budget lines are written only with
# their đề án (projects.services.project_save and the review), documents only through the
# services, so the admin only shows them.


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


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "kind", "plan", "project", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["original_name", "project__code"]
    list_select_related = ["plan__province", "project"]
    # The file is private: never linked from the admin (its URL would be under MEDIA_URL).
    exclude = ["file"]
