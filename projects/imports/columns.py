"""The columns of the đề án spreadsheet (Vietnamese headers, their synonyms, the choices they
accept) and the fixed sizes of the import."""

from __future__ import annotations

import re

from django.utils.translation import override

from khuyencong.importing import columns as col
from projects.models import (
    PROGRAM_SHORT,
    Activity,
    Content,
    ProjectStatus,
    Source,
)
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
