"""Import of establishments (cơ sở CNNT) from a spreadsheet, through khuyencong.importing.

Rules (the same as beneficiaries.services, whose rule functions are called here):
- Only centre staff import, into the provinces they see; a row of another province is an error.
- A row is the establishment holding its tax code; without one (or a tax code not yet known),
  the establishment of the same normalised name in the same commune (or the same province
  without a commune) that has no tax code yet; else a new establishment.
- A new establishment needs its kind and a province that exists today ("Hòa Bình" is read as
  Phú Thọ, the unit that stands for it today); the tax code is valid and nobody else's.
- A blank cell leaves the stored value as it is; the row is "unchanged" when no cell changes
  anything. Everything is looked up by set (a few queries per file) and written with
  bulk_create / bulk_update, the history saying "import" and the file name.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from beneficiaries import services
from beneficiaries.forms import MAX_EMPLOYEES
from beneficiaries.models import Beneficiary, BeneficiaryKind, ProductGroup
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
from khuyencong.importing.places import CommuneResolver, ProvinceResolver
from khuyencong.importing.values import key_of
from khuyencong.scoping import can_edit, visible_province_ids

BATCH = 1000

# Short names people write for the kinds, besides the labels and the stored values.
KIND_SYNONYMS = {
    "doanh nghiep": BeneficiaryKind.SME,
    "dnnvv": BeneficiaryKind.SME,
    "dn": BeneficiaryKind.SME,
    "cong ty": BeneficiaryKind.SME,
    "cong ty tnhh": BeneficiaryKind.SME,
    "cong ty co phan": BeneficiaryKind.SME,
    "doanh nghiep tu nhan": BeneficiaryKind.SME,
    "htx": BeneficiaryKind.COOPERATIVE,
    "lien hiep htx": BeneficiaryKind.COOPERATIVE_UNION,
    "to hop tac": BeneficiaryKind.COOPERATIVE_GROUP,
    "hkd": BeneficiaryKind.HOUSEHOLD,
    "ho kinh doanh ca the": BeneficiaryKind.HOUSEHOLD,
    "co so": BeneficiaryKind.HOUSEHOLD,
}


def _labels(choices) -> list[str]:
    with override("vi"):
        return [str(label) for _value, label in choices]


def choice_lookup(choices, synonyms=None) -> dict[str, str]:
    """normalised label (Vietnamese and English), stored value or synonym → stored value."""
    lookup = {key_of(value): value for value, _label in choices}
    for language in ("vi", "en"):
        with override(language):
            lookup.update({key_of(str(label)): value for value, label in choices})
    lookup.update(synonyms or {})
    return lookup


def _kinds() -> list[str]:
    return _labels(BeneficiaryKind.choices)


def _groups() -> list[str]:
    return _labels(ProductGroup.choices)


FIELDS = [
    col.FieldSpec(
        "name",
        "Tên cơ sở",
        required=True,
        synonyms=(
            "Tên doanh nghiệp",
            "Tên DN",
            "Tên đơn vị",
            "Tên cơ sở CNNT",
            "Tên cơ sở sản xuất",
            "Tên cơ sở/doanh nghiệp",
            "Cơ sở",
            "Doanh nghiệp",
            "Đơn vị thụ hưởng",
        ),
        width=40,
        help="Tên đầy đủ của cơ sở, doanh nghiệp, hợp tác xã hoặc hộ kinh doanh.",
    ),
    col.FieldSpec(
        "kind",
        "Loại hình",
        kind=col.CHOICE,
        required=True,
        synonyms=("Loại hình doanh nghiệp", "Loại hình cơ sở", "Loại hình tổ chức", "Loại"),
        choices=_kinds,
        width=26,
        help="Chọn trong danh sách. Bắt buộc với cơ sở mới; để trống thì giữ như đã có.",
    ),
    col.FieldSpec(
        "tax_code",
        "Mã số thuế",
        synonyms=("MST", "Mã số DN", "Mã số doanh nghiệp", "Mã số thuế/CCCD", "Mã số thuế cơ sở"),
        width=16,
        help="10 chữ số, chi nhánh NNNNNNNNNN-NNN, hoặc số định danh cá nhân 12 chữ số. "
        "Nên gõ dạng văn bản để giữ số 0 đầu.",
    ),
    col.FieldSpec(
        "representative",
        "Người đại diện",
        synonyms=("Đại diện", "Chủ cơ sở", "Giám đốc", "Người đại diện theo pháp luật"),
        width=24,
    ),
    col.FieldSpec(
        "phone", "Điện thoại", synonyms=("SĐT", "Số điện thoại", "ĐT", "Điện thoại liên hệ")
    ),
    col.FieldSpec(
        "province",
        "Tỉnh/Thành phố",
        required=True,
        synonyms=("Tỉnh", "Tỉnh/TP", "Tỉnh, thành phố", "Thành phố", "Tỉnh thành"),
        width=18,
        help="Tên hoặc mã tỉnh/thành phố hiện nay (34 đơn vị). Tên tỉnh cũ được hiểu là đơn vị "
        "hiện nay thay thế nó.",
    ),
    col.FieldSpec(
        "commune",
        "Xã/Phường",
        synonyms=("Xã", "Phường", "Xã, phường", "Xã/Phường/Đặc khu", "Xã phường"),
        width=20,
        help="Tên xã, phường, đặc khu (sau 01/07/2025) thuộc tỉnh/thành phố ở cột trước.",
    ),
    col.FieldSpec(
        "street_address",
        "Địa chỉ",
        synonyms=("Địa chỉ cơ sở", "Địa chỉ trụ sở", "Số nhà, đường", "Địa chỉ chi tiết"),
        width=30,
    ),
    col.FieldSpec(
        "product_group",
        "Ngành nghề",
        kind=col.CHOICE,
        synonyms=("Nhóm sản phẩm", "Ngành nghề sản xuất", "Lĩnh vực", "Nhóm ngành"),
        choices=_groups,
        width=30,
        help="Nhóm sản phẩm, chọn trong danh sách.",
    ),
    col.FieldSpec(
        "products",
        "Sản phẩm",
        synonyms=("Sản phẩm chính", "Mặt hàng", "Sản phẩm chủ yếu"),
        width=30,
    ),
    col.FieldSpec(
        "employees",
        "Số lao động",
        kind=col.INT,
        synonyms=("Lao động", "Số LĐ", "Số công nhân", "Tổng số lao động"),
        width=12,
    ),
    col.FieldSpec(
        "craft_village",
        "Làng nghề",
        synonyms=("Thuộc làng nghề", "Tên làng nghề"),
        width=22,
        help="Tên làng nghề được công nhận mà cơ sở thuộc về, nếu có.",
    ),
]

# Fields compared and written as they are (text and numbers).
PLAIN_FIELDS = (
    "name",
    "representative",
    "phone",
    "street_address",
    "products",
    "employees",
    "craft_village",
)


class BeneficiaryImport(ImportKind):
    name = "beneficiaries"
    title = gettext_lazy("Establishments")
    fields = FIELDS
    examples = [
        {
            "name": "Cơ sở mẫu - xóa dòng này",
            "kind": "Hộ kinh doanh",
            "tax_code": "",
            "representative": "Nguyễn Văn A",
            "phone": "0900000000",
            "province": "Cần Thơ",
            "commune": "Phường Ninh Kiều",
            "street_address": "Số 1, đường mẫu",
            "product_group": "Thủ công mỹ nghệ",
            "products": "Sản phẩm mẫu",
            "employees": 10,
            "craft_village": "",
        }
    ]
    instructions = [
        "Điền mỗi cơ sở trên một dòng của trang “Dữ liệu”, giữ nguyên dòng tiêu đề.",
        "Dòng mẫu được bỏ qua nếu để nguyên; có thể xóa nó.",
        "Cơ sở được nhận ra theo mã số thuế; không có mã số thuế thì theo tên và xã/phường. "
        "Nhập lại cùng một tệp không thay đổi gì; tệp đã sửa thì cập nhật đúng cơ sở đó.",
        "Ô để trống giữ nguyên giá trị đã có trên cổng.",
        "Tệp có lỗi ở bất kỳ dòng nào thì không dòng nào được ghi: tải tệp kết quả kiểm tra, "
        "sửa các dòng có lỗi rồi tải lên lại.",
    ]

    def check_user(self, user) -> None:
        if not can_edit(user):
            raise PermissionDenied(_("Only the centre's staff can import establishments."))

    def done_url(self, context) -> str:
        from django.urls import reverse

        return reverse("beneficiaries:list")

    def validate(self, rows: list[SourceRow], context: ImportContext) -> None:
        today = context.today
        provinces = ProvinceResolver()
        visible = visible_province_ids(context.user)
        kinds = choice_lookup(BeneficiaryKind.choices, KIND_SYNONYMS)
        groups = choice_lookup(ProductGroup.choices)

        # 1. Each row on its own: names, choices, province, tax code.
        for row in rows:
            row.label = row.get("name", "")
            if not row.get("name"):
                row.error("name", _("The name of the establishment is required."))
            if row.get("kind"):
                row.kind_value = kinds.get(key_of(row.get("kind")))
                if row.kind_value is None:
                    row.error(
                        "kind",
                        _("Unknown kind: choose one of %(choices)s.")
                        % {"choices": ", ".join(_kinds())},
                    )
            else:
                row.kind_value = None
            row.group_value = None
            if row.get("product_group"):
                row.group_value = groups.get(key_of(row.get("product_group")))
                if row.group_value is None:
                    row.error(
                        "product_group",
                        _("Unknown product group: choose one of %(choices)s.")
                        % {"choices": ", ".join(_groups())},
                    )
            row.province = provinces.resolve_row(
                row, today, visible, _("Unknown province or city.")
            )
            row.tax_code = None
            if row.get("tax_code"):
                try:
                    row.tax_code = services.clean_tax_code(str(row.get("tax_code")))
                except ValidationError as error:
                    row.error("tax_code", error.message_dict["tax_code"][0])
            employees = row.get("employees")
            if employees is not None and employees > MAX_EMPLOYEES:
                row.error(
                    "employees",
                    _("The number must be between 0 and %(max)s.") % {"max": MAX_EMPLOYEES},
                )

        # 2. Communes of every province named (one query).
        communes = CommuneResolver(
            {row.province.unit_on(today).pk for row in rows if row.province is not None}
        )
        for row in rows:
            row.commune = None
            if row.province is None or not row.get("commune"):
                continue
            found = communes.resolve(row.province.unit_on(today).pk, row.get("commune"))
            if len(found) == 1:
                row.commune = found[0]
            elif not found:
                row.error(
                    "commune",
                    _("No commune or ward of this name in %(province)s.")
                    % {"province": row.province.unit_on(today).name},
                )
            else:
                row.error(
                    "commune",
                    _("Several units have this name: write %(names)s.")
                    % {"names": " / ".join(c.name for c in found)},
                )

        # 3. The stored establishments the rows are (two queries, rows locked when writing).
        stored = Beneficiary.objects.select_related("province", "commune")
        if context.writing:
            stored = stored.select_for_update(of=("self",))
        codes = {row.tax_code for row in rows if row.tax_code}
        by_code = {b.tax_code: b for b in stored.filter(tax_code__in=codes)} if codes else {}
        name_keys = {key_of(row.get("name")) for row in rows if row.get("name")}
        province_ids = {row.province.pk for row in rows if row.province is not None}
        by_name: dict[tuple, Beneficiary] = {}
        for b in stored.filter(name_key__in=name_keys, province_id__in=province_ids):
            by_name.setdefault(_place_key(b.name_key, b.province_id, b.commune_id), b)

        seen_codes: dict[str, int] = {}
        seen_places: dict[tuple, int] = {}
        for row in rows:
            if row.is_error:
                continue
            if row.tax_code:
                if row.tax_code in seen_codes:
                    row.error(
                        "tax_code",
                        _("The same tax code is on row %(row)s.")
                        % {"row": seen_codes[row.tax_code]},
                    )
                    continue
                seen_codes[row.tax_code] = row.number
            place = _place_key(
                key_of(row.get("name")),
                row.province.pk,
                row.commune.pk if row.commune else None,
            )
            if not row.tax_code:
                if place in seen_places:
                    row.error(
                        None,
                        _("The same establishment (name and commune) is on row %(row)s.")
                        % {"row": seen_places[place]},
                    )
                    continue
                seen_places[place] = row.number
            current = by_code.get(row.tax_code) if row.tax_code else None
            if current is not None and visible is not None and current.province_id not in visible:
                row.error(
                    "tax_code",
                    _(
                        "This tax code is already registered to an establishment of another "
                        "province. Ask that province's centre or the administrator to check it."
                    ),
                )
                continue
            if current is None:
                candidate = by_name.get(place)
                if candidate is not None and (not candidate.tax_code or not row.tax_code):
                    current = candidate
            self._plan_row(row, current, today)

    def _plan_row(self, row: SourceRow, current: Beneficiary | None, today) -> None:
        changes: dict = {}
        for name in PLAIN_FIELDS:
            value = row.get(name)
            if value is not None and (current is None or getattr(current, name) != value):
                changes[name] = value
        if row.kind_value and (current is None or current.kind != row.kind_value):
            changes["kind"] = row.kind_value
        if row.group_value and (current is None or current.product_group != row.group_value):
            changes["product_group"] = row.group_value
        if row.tax_code and (current is None or current.tax_code != row.tax_code):
            changes["tax_code"] = row.tax_code
        province = row.province
        if current is not None and province == current.province.unit_on(today):
            province = current.province  # "Phú Thọ" for a record of Hòa Bình (before 07/2025)
        if current is None or current.province_id != province.pk:
            changes["province"] = province
        if row.commune is not None and (current is None or current.commune_id != row.commune.pk):
            changes["commune"] = row.commune
        try:
            if current is None and not row.kind_value:
                row.error("kind", _("The kind is required for a new establishment."))
                return
            services.check_province_current(
                province, today, kept=current is not None and province.pk == current.province_id
            )
            commune = changes.get("commune", current.commune if current else None)
            if "province" in changes and current is not None and "commune" not in changes:
                commune = None if commune and commune.province_id != province.pk else commune
                changes["commune"] = commune
            services.check_commune_in_province(province.unit_on(today), commune)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                row.error(key if row.has(key) else None, messages[0])
            return
        row.payload = (current, changes)
        if current is None:
            row.outcome = NEW
        elif changes:
            row.outcome = UPDATE
        else:
            row.outcome = UNCHANGED

    def write(self, rows: list[SourceRow], context: ImportContext) -> None:
        reason = f"import: {context.filename}"[:100]
        user = context.user
        created, updated, fields = [], [], set()
        now = timezone.now()
        for row in rows:
            if row.outcome == NEW:
                _current, changes = row.payload
                beneficiary = Beneficiary(**changes, created_by=user)
                beneficiary.refresh_search_fields()
                created.append(beneficiary)
            elif row.outcome == UPDATE:
                current, changes = row.payload
                for name, value in changes.items():
                    setattr(current, name, value)
                current.lock_version += 1
                current.updated_at = now
                current.refresh_search_fields()
                fields.update(changes)
                updated.append(current)
        if created:
            bulk_create_with_history(
                created,
                Beneficiary,
                batch_size=BATCH,
                default_user=user,
                default_change_reason=reason,
            )
        if updated:
            bulk_update_with_history(
                updated,
                Beneficiary,
                sorted(fields | {"lock_version", "updated_at", "name_key", "search_text"}),
                batch_size=BATCH,
                default_user=user,
                default_change_reason=reason,
            )


def _place_key(name_key: str, province_id: int, commune_id: int | None) -> tuple:
    return (name_key, commune_id) if commune_id else (name_key, "province", province_id)


BENEFICIARIES = register_kind(BeneficiaryImport())
