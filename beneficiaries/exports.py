"""The beneficiary list as a spreadsheet (xlsx / csv).

The column headers are Vietnamese literals, not translated msgids: spreadsheets built on these
files (and the import templates) rely on the same headers whatever the user's language.
"""

from beneficiaries.models import BeneficiaryKind, ProductGroup
from khuyencong.exports import Column, ExportSpec, choice_labels, register_export
from khuyencong.models import Province

YES = "Có"


def _queryset(user, params):
    from beneficiaries import selectors

    return selectors.beneficiary_list(user=user, params=params)


def _province(name, era):
    if era == Province.Era.LEGACY:
        return f"{name} (trước 07/2025)"
    return name


def _yes(value):
    return YES if value else ""


BENEFICIARIES = register_export(
    ExportSpec(
        name="beneficiaries",
        basename="co-so-cnnt",
        sheet_title="Cơ sở CNNT",
        queryset=_queryset,
        columns=(
            Column("Tên cơ sở", ("name",), width=40),
            Column("Mã số thuế", ("tax_code",), width=16),
            Column("Loại hình", ("kind",), choice_labels(BeneficiaryKind.choices), width=20),
            Column("Người đại diện", ("representative",), width=22),
            Column("Điện thoại", ("phone",), width=14),
            Column("Email", ("email",), width=22),
            Column("Địa chỉ", ("street_address",), width=30),
            Column("Xã/phường", ("commune__name",), width=18),
            Column("Tỉnh/thành phố", ("province__name", "province__era"), _province, width=18),
            Column("Địa chỉ trước 07/2025", ("old_address",), width=30),
            Column(
                "Nhóm sản phẩm", ("product_group",), choice_labels(ProductGroup.choices), width=24
            ),
            Column("Sản phẩm chính", ("products",), width=30),
            Column("Số lao động", ("employees",), kind="int", width=10),
            Column("Doanh thu (đồng)", ("revenue",), kind="money", width=18),
            Column("Làng nghề", ("craft_village",), width=20),
            Column("Phụ nữ làm chủ", ("women_owned",), _yes, width=10),
            Column("Đồng bào dân tộc thiểu số", ("ethnic_minority",), _yes, width=10),
            Column("Sao OCOP", ("ocop_stars",), kind="int", width=8),
            Column("Số đề án đã tham gia", ("project_count",), kind="int", width=10),
        ),
    )
)
