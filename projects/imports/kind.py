"""The đề án import as the import engine sees it: its columns, example, instructions, who may
run it, and its two passes (checking, writing)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beneficiaries.imports import choice_lookup
from khuyencong.importing.engine import (
    ImportContext,
    ImportKind,
    SourceRow,
    register_kind,
)
from khuyencong.importing.places import ProvinceResolver
from khuyencong.importing.values import key_of
from khuyencong.scoping import can_edit, visible_province_ids
from projects.activities import ActivityRule
from projects.caps import caps_candidates
from projects.imports.checking import (
    check_activity,
    check_row,
    establishments_of,
    match,
    plan_row,
    plans_of,
)
from projects.imports.columns import FIELDS
from projects.imports.writing import write_rows
from projects.models import (
    PROGRAM_SHORT,
    Activity,
    Content,
    Program,
    ProjectStatus,
)
from projects.services import plan_years_open_to


class ProjectImport(ImportKind):
    name = "projects"
    title = gettext_lazy("Projects")
    fields = FIELDS
    examples = [
        {
            "code": "MAU-01",
            "year": 2024,
            "province": "Cần Thơ",
            "program": "KCĐP",
            "content": "3.1",
            "title": "Đề án mẫu - xóa dòng này",
            "pilot": "Không",
            "tax_codes": "",
            "kcqg": None,
            "kcdp": 500_000_000,
            "counterpart": 1_000_000_000,
            "other": None,
            "start": "03/2024",
            "end": "11/2024",
            "status": "",
        }
    ]
    instructions = [
        "Điền mỗi đề án trên một dòng của trang “Dữ liệu”, giữ nguyên dòng tiêu đề.",
        "Dòng mẫu được bỏ qua nếu để nguyên; có thể xóa nó.",
        "Đề án của năm trước năm hiện tại được ghi vào kế hoạch năm đó như đề án đã phê duyệt "
        "(kế hoạch được tạo nếu chưa có, đánh dấu là dữ liệu nhập). Đề án năm nay và năm sau "
        "được ghi vào kế hoạch đang lập (dự thảo).",
        "Kinh phí ghi bằng đồng; nếu bảng ghi bằng triệu đồng, thêm dòng “Đơn vị: triệu đồng” "
        "phía trên dòng tiêu đề.",
        "Nhập lại cùng một tệp không thay đổi gì; tệp đã sửa thì cập nhật đúng đề án đó (nhận "
        "ra theo cột “Mã đề án”).",
        "Tệp có lỗi ở bất kỳ dòng nào thì không dòng nào được ghi: tải tệp kết quả kiểm tra, "
        "sửa các dòng có lỗi rồi tải lên lại.",
    ]

    def check_user(self, user) -> None:
        if not can_edit(user):
            raise PermissionDenied(_("Only the centre's staff can import projects."))

    def done_url(self, context) -> str:
        from django.urls import reverse

        return reverse("projects:plan_list")

    def validate(self, rows: list[SourceRow], context: ImportContext) -> None:
        today = context.today
        years_open = plan_years_open_to(today)
        visible = visible_province_ids(context.user)
        provinces = ProvinceResolver()
        programs = {key_of(label): value for value, label in PROGRAM_SHORT.items()}
        programs.update(choice_lookup(Program.choices))
        programs.update({"kcdp": Program.KCDP, "kcqg": Program.KCQG})
        contents = list(Content.objects.all())
        content_lookup = {}
        for content in contents:
            content_lookup[key_of(content.code)] = content
            content_lookup.setdefault(key_of(content.name), content)
            content_lookup.setdefault(key_of(str(content)), content)
        statuses = choice_lookup(ProjectStatus.choices)
        activities = {}
        for activity in Activity.objects.all():
            activities[key_of(activity.code)] = activity
            activities.setdefault(key_of(activity.label), activity)
            activities.setdefault(key_of(str(activity)), activity)
        rule = ActivityRule.load()

        for row in rows:
            row.label = row.get("title", "")
            check_row(
                row, today, years_open, visible, provinces, programs, content_lookup, statuses
            )
            check_activity(row, activities, rule)

        slots = plans_of(rows, context)
        match(rows, slots, context)
        establishments = establishments_of(rows)
        caps = caps_candidates({row.content for row in rows if getattr(row, "content", None)})
        for row in rows:
            if not row.is_error:
                plan_row(row, establishments, caps)

    def write(self, rows: list[SourceRow], context: ImportContext) -> None:
        write_rows(rows, context)


PROJECTS = register_kind(ProjectImport())
