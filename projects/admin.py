"""Reference data (contents, indicators) and plans and đề án for the administrator.

Đề án are created in the portal, where the service gives them their code; the admin corrects them.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projects.models import (
    Activity,
    ActivityContent,
    CentreYearFact,
    Content,
    Indicator,
    Participation,
    Plan,
    Project,
    ProjectOutput,
    ResultsRow,
)


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
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["year", "province", "status", "version", "decision_number", "decision_date"]
    list_filter = ["status", "year"]
    search_fields = ["province__name", "decision_number"]
    list_select_related = ["province"]
    raw_id_fields = ["submitted_by", "approved_by", "created_by"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    raw_id_fields = ["beneficiary"]


class ProjectOutputInline(admin.TabularInline):
    model = ProjectOutput
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "program", "content", "activity", "status", "plan"]
    list_filter = ["program", "status", "plan__year", "content"]
    search_fields = ["code", "title", "search_text"]
    list_select_related = ["content", "activity", "plan__province"]
    raw_id_fields = ["plan", "implementing_organisation", "commune", "created_by"]
    readonly_fields = ["code"]
    inlines = [ParticipationInline, ProjectOutputInline]

    def has_add_permission(self, request):
        return False


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
