"""Import of đề án from a spreadsheet, through khuyencong.importing.

Rules:
- Only centre staff import, into the provinces they see; a row of another province is an error.
- A row goes into the plan of its province and year; the province (a code or a name) is the unit
  valid on 1 January of that year (2024 "Hòa Bình" is the old unit, 2026 "Phú Thọ" the new one).
- A year before the current one is history: the row goes into that year's plan as an approved
  record, the plan created as needed and marked `imported`, the amounts taken as approved
  (BudgetLine.approved = proposed); `Trạng thái` empty means approved, or says accepted, settled,
  stopped. A past plan approved in the portal is not changed by an import (an adjustment is).
- The current and next year go into the draft plan (opened as needed) under the usual edit rules:
  a plan that is no longer draft or returned refuses a row that would change it, with the reason.
- `Mã đề án` is the centre's own code, kept as Project.external_code and recognising the đề án
  on re-import (the portal's own code is recognised too, so an exported list imports back); a
  row without it is the đề án of the same title and programme in the plan, if any.
- The money rules (projects.state.problems, the support caps in force included) apply to
  every row; establishments are named by tax code (several separated by ";") and must exist.
- A blank cell leaves the stored value; a blank amount in an amount column present in the file
  means no money from that source. Unchanged rows are "unchanged", even in a locked plan.
- Lookups by set, writes in bulk with history ("import: <file name>"), one transaction.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from beneficiaries.imports import choice_lookup
from beneficiaries.models import Beneficiary
from beneficiaries.taxcode import TaxCodeError, canonical_tax_code
from khuyencong.importing import columns as col
from khuyencong.importing.engine import (
    NEW,
    UNCHANGED,
    UPDATE,
    ImportContext,
    ImportKind,
    SourceRow,
    register_kind,
)
from khuyencong.importing.places import ProvinceResolver
from khuyencong.importing.values import key_of
from khuyencong.scoping import can_edit, membership_of, visible_province_ids
from projects import workflow
from projects.activities import ActivityRule
from projects.caps import Caps, caps_candidates
from projects.models import (
    PROGRAM_SHORT,
    Activity,
    BudgetLine,
    Content,
    Participation,
    Plan,
    Program,
    Project,
    ProjectStatus,
    Source,
)
from projects.services import plan_years_open_to, project_code
from projects.state import BudgetLineData, ParticipationData, ProjectState, problems
from projects.totals import refresh_project_totals
from projects.workflow import IMPORTED_PROJECT_STATUSES

BATCH = 1000
AMOUNT_FIELDS = {
    "kcqg": Source.KCQG,
    "kcdp": Source.KCDP,
    "counterpart": Source.COUNTERPART,
    "other": Source.OTHER,
}
_TAX_SEPARATORS = re.compile(r"[;,\n]+")
# Fields of the đề án compared and written as they are.
PLAIN_FIELDS = ("title", "is_pilot", "start_month", "end_month", "status", "external_code")


def _program_labels() -> list[str]:
    return list(PROGRAM_SHORT.values())


def _content_labels() -> list[str]:
    return [str(c) for c in Content.objects.filter(is_active=True).order_by("sort_order", "code")]


def _activity_labels() -> list[str]:
    return [str(a) for a in Activity.objects.order_by("sort_order", "code")]


def _status_labels() -> list[str]:
    with override("vi"):
        return [
            str(status.label)
            for status in ProjectStatus
            if status == ProjectStatus.PROPOSED or status in IMPORTED_PROJECT_STATUSES
        ]


FIELDS = [
    col.FieldSpec(
        "code",
        "Mã đề án",
        synonyms=("Mã", "Mã ĐA", "Số hiệu", "Số hiệu đề án", "Mã đề án của trung tâm"),
        width=18,
        help="Mã riêng của trung tâm cho đề án; dùng để nhận ra đề án khi nhập lại. Cổng vẫn "
        "cấp mã của cổng.",
    ),
    col.FieldSpec(
        "year",
        "Năm",
        kind=col.YEAR,
        required=True,
        synonyms=("Năm kế hoạch", "Năm thực hiện", "Kế hoạch năm"),
        width=8,
        help="Năm của kế hoạch. Năm trước năm hiện tại được ghi là đề án đã phê duyệt của kế "
        "hoạch năm đó.",
    ),
    col.FieldSpec(
        "province",
        "Tỉnh/Thành phố",
        required=True,
        synonyms=("Tỉnh", "Tỉnh/TP", "Tỉnh, thành phố", "Tỉnh thành"),
        width=18,
        help="Tên hoặc mã tỉnh/thành phố tại ngày 1/1 của năm (năm 2024: Hòa Bình; năm 2026: "
        "Phú Thọ).",
    ),
    col.FieldSpec(
        "program",
        "Chương trình",
        kind=col.CHOICE,
        required=True,
        synonyms=("Nguồn", "Chương trình khuyến công", "KCQG/KCĐP", "Loại kinh phí"),
        choices=_program_labels,
        width=12,
    ),
    col.FieldSpec(
        "content",
        "Nội dung",
        kind=col.CHOICE,
        required=True,
        synonyms=("Nội dung hỗ trợ", "Nội dung khuyến công", "Mã nội dung", "Nội dung KC"),
        choices=_content_labels,
        width=30,
        help="Số của nội dung (ví dụ 3.1) hoặc tên của nó.",
    ),
    col.FieldSpec(
        "activity",
        "Hoạt động",
        kind=col.CHOICE,
        synonyms=("Hoạt động khuyến công", "Dòng báo cáo", "Hoạt động báo cáo", "Mã hoạt động"),
        choices=_activity_labels,
        width=30,
        help="Không bắt buộc: dòng của báo cáo kinh phí (1 đến 24, hoặc tên của dòng), thuộc nội "
        "dung của đề án. Để trống: dòng mặc định của nội dung.",
    ),
    col.FieldSpec(
        "title",
        "Tên đề án",
        required=True,
        synonyms=("Tên đề án khuyến công", "Đề án", "Tên nhiệm vụ", "Tên đề án/nhiệm vụ"),
        width=50,
    ),
    col.FieldSpec(
        "pilot",
        "Đề án điểm",
        kind=col.BOOL,
        synonyms=("Điểm", "Đề án khuyến công điểm"),
        width=10,
        help="Có hoặc Không.",
    ),
    col.FieldSpec(
        "tax_codes",
        "Mã số thuế cơ sở thụ hưởng",
        synonyms=("MST cơ sở thụ hưởng", "MST", "Mã số thuế", "Cơ sở thụ hưởng (MST)"),
        width=26,
        help="Mã số thuế của các cơ sở thụ hưởng, cách nhau bằng dấu “;”. Cơ sở phải có trên "
        "cổng (nhập danh sách cơ sở trước).",
    ),
    col.FieldSpec(
        "kcqg",
        "Kinh phí KCQG",
        kind=col.AMOUNT,
        synonyms=("KCQG", "Ngân sách KCQG", "NS KCQG", "Kinh phí khuyến công quốc gia"),
        width=16,
        help="Đồng (hoặc triệu đồng nếu có dòng “Đơn vị: triệu đồng” phía trên tiêu đề).",
    ),
    col.FieldSpec(
        "kcdp",
        "Kinh phí KCĐP",
        kind=col.AMOUNT,
        synonyms=("KCĐP", "Ngân sách KCĐP", "NS KCĐP", "Kinh phí khuyến công địa phương"),
        width=16,
    ),
    col.FieldSpec(
        "counterpart",
        "Kinh phí đối ứng",
        kind=col.AMOUNT,
        synonyms=("Đối ứng", "Vốn đối ứng", "Vốn đối ứng của cơ sở", "Kinh phí đối ứng của cơ sở"),
        width=16,
    ),
    col.FieldSpec(
        "other",
        "Kinh phí khác",
        kind=col.AMOUNT,
        synonyms=("Khác", "Nguồn khác", "Vốn khác", "Kinh phí nguồn khác"),
        width=16,
    ),
    col.FieldSpec(
        "start",
        "Thời gian bắt đầu",
        kind=col.DATE,
        synonyms=("Bắt đầu", "Từ tháng", "Ngày bắt đầu", "Thời gian thực hiện từ"),
        width=14,
        help="Tháng/năm (mm/yyyy) hoặc ngày (dd/mm/yyyy).",
    ),
    col.FieldSpec(
        "end",
        "Thời gian kết thúc",
        kind=col.DATE,
        synonyms=("Kết thúc", "Đến tháng", "Ngày kết thúc", "Thời gian thực hiện đến"),
        width=14,
    ),
    col.FieldSpec(
        "status",
        "Trạng thái",
        kind=col.CHOICE,
        synonyms=("Tình trạng", "Tình trạng thực hiện"),
        choices=_status_labels,
        width=16,
        help="Năm trước: để trống là đã phê duyệt, hoặc Đã nghiệm thu, Đã quyết toán, Ngừng "
        "triển khai. Năm nay và năm sau: để trống (đề xuất).",
    ),
]


class _PlanSlot:
    """A plan a row goes into: stored, or to be created by the write."""

    def __init__(self, province, year, plan: Plan | None, historical: bool):
        self.province = province
        self.year = year
        self.plan = plan or Plan(province=province, year=year)
        self.exists = plan is not None
        self.historical = historical

    def refusal(self) -> str:
        """Why rows that change something cannot go into this plan ("" when they can)."""
        plan = self.plan
        if not self.exists:
            return ""
        if self.historical:
            if plan.imported:
                return ""
            return _(
                "The %(year)s plan of %(province)s was approved in the portal: change it "
                "through an adjustment, not an import."
            ) % {"year": plan.year, "province": self.province.name}
        if plan.is_editable:
            return ""
        return _(
            "The %(year)s plan is %(status)s: it can be changed only in draft or returned."
        ) % {"year": plan.year, "status": plan.get_status_display().lower()}


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

    # --- checking --------------------------------------------------------------------------------

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
            self._check_row(
                row, today, years_open, visible, provinces, programs, content_lookup, statuses
            )
            self._check_activity(row, activities, rule)

        slots = self._plans(rows, context)
        self._match(rows, slots, context)
        establishments = self._establishments(rows)
        caps = caps_candidates({row.content for row in rows if getattr(row, "content", None)})
        for row in rows:
            if not row.is_error:
                self._plan_row(row, establishments, caps)

    def _check_row(self, row, today, years_open, visible, provinces, programs, lookup, statuses):
        row.content = row.program = row.province = None
        year = row.get("year")
        if year is None:
            row.error("year", _("The year is required."))
        elif year > years_open[-1]:
            row.error(
                "year",
                _("Plans can be imported up to %(year)s.") % {"year": years_open[-1]},
            )
        row.historical = year is not None and year < today.year
        if not row.get("title"):
            row.error("title", _("The title of the project is required."))
        program = row.get("program")
        if not program:
            row.error("program", _("The programme is required (KCQG or KCĐP)."))
        else:
            row.program = programs.get(key_of(program))
            if row.program is None:
                row.error("program", _("Write KCQG or KCĐP."))
        content = row.get("content")
        if not content:
            row.error("content", _("The content is required (its number or its name)."))
        else:
            text = key_of(content)
            row.content = lookup.get(text) or lookup.get(text.split(" ", 1)[0].rstrip("."))
            if row.content is None:
                row.error("content", _("Unknown content: write its number (e.g. 3.1) or name."))
        if year is not None:
            row.province = provinces.resolve_row(
                row,
                datetime.date(year, 1, 1),
                visible,
                _("No province or city of this name or code on 1 January %(year)s.")
                % {"year": year},
            )
        elif not row.get("province"):
            row.error("province", _("The province is required."))
        status = row.get("status")
        row.project_status = None
        if status:
            row.project_status = statuses.get(key_of(status))
            if row.project_status is None:
                row.error("status", _("Unknown status."))
        if year is not None and row.project_status is not None:
            if row.historical and row.project_status not in IMPORTED_PROJECT_STATUSES:
                row.error(
                    "status",
                    _(
                        "A project of a past year is approved, in progress, accepted, settled or "
                        "stopped."
                    ),
                )
            elif not row.historical and row.project_status != ProjectStatus.PROPOSED:
                row.error(
                    "status",
                    _("A project of a plan being drafted is proposed: leave the status empty."),
                )
        if row.project_status is None and year is not None:
            row.project_status = (
                ProjectStatus.APPROVED if row.historical else ProjectStatus.PROPOSED
            )
        start, end = row.get("start"), row.get("end")
        row.start = start.replace(day=1) if start else None
        row.end = end.replace(day=1) if end else None
        if row.start and row.end and row.end < row.start:
            row.error("end", _("The end is before the start."))
        row.tax_codes = []
        for raw in _TAX_SEPARATORS.split(row.get("tax_codes") or ""):
            if not raw.strip():
                continue
            try:
                result = canonical_tax_code(raw)
            except TaxCodeError as error:
                row.error("tax_codes", f"{raw.strip()}: {error.message}")
                continue
            if result.value in row.tax_codes:
                row.error("tax_codes", _("%(code)s is written twice.") % {"code": result.value})
            else:
                row.tax_codes.append(result.value)
        row.amounts = {}
        for key, source in AMOUNT_FIELDS.items():
            if row.has(key):
                row.amounts[source] = row.get(key) or 0

    def _check_activity(self, row, lookup, rule) -> None:
        """The activity line written (its number or label), which must be one of the content's;
        blank: None here, and the write gives the content's default (ActivityRule)."""
        row.activity = None
        row.activity_rule = rule
        text = row.get("activity")
        if not text:
            return
        key = key_of(text)
        if key.endswith(".0"):  # a number typed in Excel: 5 → 5.0
            key = key[:-2]
        row.activity = lookup.get(key) or lookup.get(key.split(" ", 1)[0].rstrip("."))
        if row.activity is None:
            row.error("activity", _("Unknown activity: write its number (1 to 24) or its label."))
        elif row.content is not None and not rule.belongs(row.content.pk, row.activity.pk):
            row.error(
                "activity",
                _("The activity %(activity)s is not one of the content %(content)s's lines.")
                % {"activity": row.activity.code, "content": row.content.code},
            )

    def _plans(self, rows, context) -> dict[tuple, _PlanSlot]:
        """The plan of every (province, year) named: one query, locked when writing."""
        wanted = {(row.province.pk, row.get("year")) for row in rows if row.province is not None}
        if not wanted:
            return {}
        condition = Q()
        for province_id, year in wanted:
            condition |= Q(province_id=province_id, year=year)
        plans = Plan.objects.filter(condition).select_related("province")
        if context.writing:
            plans = plans.select_for_update(of=("self",))
        stored = {(p.province_id, p.year): p for p in plans}
        slots = {}
        for row in rows:
            if row.province is None:
                continue
            key = (row.province.pk, row.get("year"))
            if key not in slots:
                slots[key] = _PlanSlot(row.province, key[1], stored.get(key), row.historical)
            row.slot = slots[key]
        return slots

    def _match(self, rows, slots, context) -> None:
        """The stored đề án each row is (one query, with budget lines and participations)."""
        plan_ids = [slot.plan.pk for slot in slots.values() if slot.exists]
        projects = (
            Project.objects.filter(plan_id__in=plan_ids)
            .select_related("content")
            .prefetch_related("budget_lines", "participations__beneficiary")
        )
        if context.writing:
            projects = projects.select_for_update(of=("self",))
        by_code, by_title = {}, {}
        for project in projects:
            if project.external_code:
                by_code.setdefault((project.plan_id, key_of(project.external_code)), project)
            by_code.setdefault((project.plan_id, key_of(project.code)), project)
            by_title.setdefault((project.plan_id, project.program, key_of(project.title)), project)
        seen: dict[tuple, int] = {}
        for row in rows:
            row.current = None
            slot = getattr(row, "slot", None)
            if row.is_error or slot is None:
                continue
            code = key_of(row.get("code"))
            seen_key = (
                (id(slot), "code", code)
                if code
                else (id(slot), row.program, key_of(row.get("title")))
            )
            if seen_key in seen:
                row.error(
                    "code" if code else "title",
                    _("The same project is on row %(row)s.") % {"row": seen[seen_key]},
                )
                continue
            seen[seen_key] = row.number
            if slot.exists:
                if code:
                    row.current = by_code.get((slot.plan.pk, code))
                if row.current is None:
                    row.current = by_title.get(
                        (slot.plan.pk, row.program, key_of(row.get("title")))
                    )

    def _establishments(self, rows) -> dict[str, Beneficiary]:
        codes = {code for row in rows for code in row.tax_codes}
        if not codes:
            return {}
        return {b.tax_code: b for b in Beneficiary.objects.filter(tax_code__in=codes)}

    def _plan_row(self, row: SourceRow, establishments, caps) -> None:
        current: Project | None = row.current
        slot: _PlanSlot = row.slot
        unknown = [code for code in row.tax_codes if code not in establishments]
        if unknown:
            row.error(
                "tax_codes",
                _("No establishment with the tax code %(codes)s: import the establishments first.")
                % {"codes": ", ".join(unknown)},
            )
            return
        if current is not None and current.program != row.program:
            row.error(
                "program",
                _("The programme of an existing project cannot be changed by an import."),
            )
            return

        # What the file says, over what is stored.
        wanted = {
            "title": row.get("title"),
            "is_pilot": row.get("pilot"),
            "start_month": row.start,
            "end_month": row.end,
            "status": row.project_status,
            "external_code": row.get("code"),
        }
        if current is not None and key_of(row.get("code")) == key_of(current.code):
            # The portal's own code (an exported list coming back) is not the centre's code.
            wanted["external_code"] = None
        changes = {
            name: value
            for name, value in wanted.items()
            if value is not None and (current is None or getattr(current, name) != value)
        }
        if current is None or current.content_id != row.content.pk:
            changes["content"] = row.content
        # The activity written, else the stored one while it fits the content, else the
        # content's default (projects.activities.ActivityRule).
        chosen = row.activity.pk if row.activity else current.activity_id if current else None
        activity_id = row.activity_rule.resolve(row.content.pk, chosen)
        if current is None or current.activity_id != activity_id:
            changes["activity_id"] = activity_id
        stored_lines = {line.source: line for line in current.budget_lines.all()} if current else {}
        lines = {s: line.amount for s, line in stored_lines.items() if line.amount}
        for source, amount in row.amounts.items():
            if amount:
                lines[source] = amount
            else:
                lines.pop(source, None)
        stored_amounts = {s: line.amount for s, line in stored_lines.items() if line.amount}
        money_changed = lines != stored_amounts
        stored_people = (
            {p.beneficiary.tax_code: p for p in current.participations.all()} if current else {}
        )
        if row.has("tax_codes"):
            people = [
                stored_people.get(code) or Participation(beneficiary=establishments[code])
                for code in row.tax_codes
            ]
            people_changed = {p.beneficiary_id for p in people} != {
                p.beneficiary_id for p in stored_people.values()
            }
        else:
            people = list(stored_people.values())
            people_changed = False

        # The money rules, the caps in force on 1 January of the plan's year included.
        state = ProjectState(
            fields={"program": row.program, "content": row.content.pk},
            budget=[BudgetLineData(source, amount) for source, amount in lines.items()],
            participants=[
                ParticipationData(p.beneficiary, p.support_amount, p.counterpart_amount)
                for p in people
            ],
            content=row.content,
        )
        for problem in problems(state, Caps(slot.plan, caps)):
            if problem.is_error:
                row.error(None, problem.message)
        if row.is_error:
            return

        if current is None:
            row.outcome = NEW
        elif changes or money_changed or people_changed:
            row.outcome = UPDATE
        else:
            row.outcome = UNCHANGED
            return
        refusal = slot.refusal()
        if refusal:
            row.error(None, refusal)
            return
        row.payload = {
            "changes": changes,
            "lines": lines,
            "stored_lines": stored_lines,
            "people": people if row.has("tax_codes") else None,
            "stored_people": stored_people,
        }

    # --- writing ---------------------------------------------------------------------------------

    def write(self, rows: list[SourceRow], context: ImportContext) -> None:
        user = context.user
        reason = f"import: {context.filename}"[:100]
        history = {"default_user": user, "default_change_reason": reason, "batch_size": BATCH}
        now = timezone.now()
        todo = [row for row in rows if row.outcome in (NEW, UPDATE)]
        if not todo:
            return

        # 1. Plans the file needs and the portal does not have yet.
        new_plans = {}
        for row in todo:
            slot = row.slot
            if not slot.exists and id(slot) not in new_plans:
                plan = slot.plan
                plan.created_by = user
                if slot.historical:
                    plan.imported = True
                    workflow.apply(plan, "import_approved", user=user, save=False)
                new_plans[id(slot)] = plan
        if new_plans:
            bulk_create_with_history(list(new_plans.values()), Plan, **history)
            for row in todo:
                row.slot.exists = True

        # 2. The đề án: numbered per plan and programme after the highest stored sequence.
        organisation = membership_of(user).organisation
        plan_ids = {row.slot.plan.pk for row in todo}
        last = defaultdict(int)
        for item in (
            Project.objects.filter(plan_id__in=plan_ids)
            .values("plan_id", "program")
            .annotate(top=Max("sequence"))
            .order_by()
        ):
            last[(item["plan_id"], item["program"])] = item["top"] or 0
        created, updated, fields = [], [], set()
        for row in todo:
            plan = row.slot.plan
            changes = row.payload["changes"]
            # The status is the workflow's to set (its "import" step); the rest is written as is.
            values = {name: value for name, value in changes.items() if name != "status"}
            if row.outcome == NEW:
                key = (plan.pk, row.program)
                last[key] += 1
                project = Project(
                    plan=plan,
                    year=plan.year,  # bulk_create skips save(), which fills it
                    program=row.program,
                    sequence=last[key],
                    implementing_organisation=organisation,
                    created_by=user,
                    **values,
                )
                project.code = project_code(
                    program=row.program, year=plan.year, province=plan.province, sequence=last[key]
                )
                project.refresh_search_fields()
                created.append(project)
                row.project = project
            else:
                project = row.current
                for name, value in values.items():
                    setattr(project, name, value)
            if "status" in changes:
                workflow.apply(project, "import", user=user, save=False, status=changes["status"])
            if row.outcome != NEW:
                if changes:
                    project.lock_version += 1
                    project.updated_at = now
                    project.refresh_search_fields()
                    fields.update(changes)
                    updated.append(project)
                row.project = project
        if created:
            bulk_create_with_history(created, Project, **history)
        if updated:
            bulk_update_with_history(
                updated,
                Project,
                sorted(fields | {"lock_version", "updated_at", "search_text"}),
                **history,
            )

        # 3. Budget lines and establishments.
        new_lines, changed_lines, gone = [], [], []
        new_people = []
        for row in todo:
            project = row.project
            approved = row.slot.historical
            stored = row.payload["stored_lines"]
            for source, amount in row.payload["lines"].items():
                line = stored.get(source)
                if line is None:
                    new_lines.append(
                        BudgetLine(
                            project=project,
                            source=source,
                            proposed=amount,
                            approved=amount if approved else None,
                        )
                    )
                elif line.amount != amount:
                    line.proposed = amount
                    line.approved = amount if approved else None
                    changed_lines.append(line)
            gone += [
                line
                for source, line in stored.items()
                if source not in row.payload["lines"] and line.amount
            ]
            people = row.payload["people"]
            if people is not None:
                kept = {p.beneficiary_id for p in people}
                gone += [
                    p for p in row.payload["stored_people"].values() if p.beneficiary_id not in kept
                ]
                for person in people:
                    if person.pk is None:
                        person.project = project
                        new_people.append(person)
        for obj in gone:
            # Rare (a corrected file dropping a source or an establishment): each deletion is
            # saved on its own so the history records it.
            obj._history_user = user
            obj._change_reason = reason
            obj.delete()
        if new_lines:
            bulk_create_with_history(new_lines, BudgetLine, **history)
        if changed_lines:
            bulk_update_with_history(changed_lines, BudgetLine, ["proposed", "approved"], **history)
        if new_people:
            bulk_create_with_history(new_people, Participation, **history)
        # The money stored on each đề án, in the same transaction (projects.totals).
        refresh_project_totals([row.project.pk for row in todo])


PROJECTS = register_kind(ProjectImport())
