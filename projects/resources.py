"""Spreadsheet exports of đề án lists (the rows of the filtered /projects/ page)."""

from import_export.fields import Field

from khuyencong.exports import SafeExportResource
from projects.models import PROGRAM_SHORT, Project


class ProjectExportResource(SafeExportResource):
    """One row per đề án. Column headers are fixed Vietnamese (like the import templates), not
    translated: people's spreadsheets and scripts rely on them. Expects the queryset of
    projects.selectors.project_list_queryset (money annotated by source)."""

    code = Field(attribute="code", column_name="Mã đề án")
    title = Field(attribute="title", column_name="Tên đề án")
    year = Field(column_name="Năm")
    province = Field(column_name="Tỉnh/thành phố")
    program = Field(column_name="Chương trình")
    content = Field(column_name="Nội dung")
    kcqg = Field(column_name="KCQG (đồng)")
    kcdp = Field(column_name="KCĐP (đồng)")
    counterpart = Field(column_name="Đối ứng (đồng)")
    other = Field(column_name="Khác (đồng)")
    total = Field(column_name="Tổng (đồng)")
    status = Field(column_name="Trạng thái")

    class Meta:
        model = Project
        fields = (
            "code",
            "title",
            "year",
            "province",
            "program",
            "content",
            "kcqg",
            "kcdp",
            "counterpart",
            "other",
            "total",
            "status",
        )
        export_order = fields

    def dehydrate_year(self, project):
        return project.plan.year

    def dehydrate_province(self, project):
        return project.plan.province.name

    def dehydrate_program(self, project):
        return PROGRAM_SHORT.get(project.program, project.program)

    def dehydrate_content(self, project):
        return project.content.code

    # Money through dehydrate methods, not widgets: widgets turn values into text, and the money
    # cells must stay numbers a spreadsheet can add up.
    def dehydrate_kcqg(self, project):
        return int(project.kcqg)

    def dehydrate_kcdp(self, project):
        return int(project.kcdp)

    def dehydrate_counterpart(self, project):
        return int(project.counterpart)

    def dehydrate_other(self, project):
        return int(project.other)

    def dehydrate_total(self, project):
        return int(project.total)

    def dehydrate_status(self, project):
        return str(project.get_status_display())
