"""Export of the beneficiary list (xlsx / csv).

The column headers are Vietnamese literals, not translated msgids: spreadsheets built on these
files (and the import templates) rely on the same headers whatever the user's language.
"""

from import_export.fields import Field

from beneficiaries.models import Beneficiary
from khuyencong.exports import SafeExportResource

YES = "Có"


def _column(header: str) -> Field:
    return Field(column_name=header)


class BeneficiaryResource(SafeExportResource):
    """Expects a queryset from selectors.with_list_columns (province, commune, project_count)."""

    name = _column("Tên cơ sở")
    tax_code = _column("Mã số thuế")
    kind = _column("Loại hình")
    representative = _column("Người đại diện")
    phone = _column("Điện thoại")
    email = _column("Email")
    street_address = _column("Địa chỉ")
    commune = _column("Xã/phường")
    province = _column("Tỉnh/thành phố")
    old_address = _column("Địa chỉ trước 07/2025")
    product_group = _column("Nhóm sản phẩm")
    products = _column("Sản phẩm chính")
    employees = _column("Số lao động")
    revenue = _column("Doanh thu (đồng)")
    craft_village = _column("Làng nghề")
    women_owned = _column("Phụ nữ làm chủ")
    ethnic_minority = _column("Đồng bào dân tộc thiểu số")
    ocop_stars = _column("Sao OCOP")
    project_count = _column("Số đề án đã tham gia")

    class Meta:
        model = Beneficiary
        fields = (
            "name",
            "tax_code",
            "kind",
            "representative",
            "phone",
            "email",
            "street_address",
            "commune",
            "province",
            "old_address",
            "product_group",
            "products",
            "employees",
            "revenue",
            "craft_village",
            "women_owned",
            "ethnic_minority",
            "ocop_stars",
            "project_count",
        )
        export_order = fields

    # Native values (numbers stay numbers in the spreadsheet); text goes through the
    # formula neutralisation of SafeExportResource.export_field.
    def dehydrate_name(self, obj):
        return obj.name

    def dehydrate_tax_code(self, obj):
        return obj.tax_code or ""

    def dehydrate_kind(self, obj):
        return str(obj.get_kind_display())

    def dehydrate_representative(self, obj):
        return obj.representative

    def dehydrate_phone(self, obj):
        return obj.phone

    def dehydrate_email(self, obj):
        return obj.email

    def dehydrate_street_address(self, obj):
        return obj.street_address

    def dehydrate_commune(self, obj):
        return obj.commune.name if obj.commune else ""

    def dehydrate_province(self, obj):
        return str(obj.province)

    def dehydrate_old_address(self, obj):
        return obj.old_address

    def dehydrate_product_group(self, obj):
        return str(obj.get_product_group_display()) if obj.product_group else ""

    def dehydrate_products(self, obj):
        return obj.products

    def dehydrate_employees(self, obj):
        return obj.employees

    def dehydrate_revenue(self, obj):
        return obj.revenue

    def dehydrate_craft_village(self, obj):
        return obj.craft_village

    def dehydrate_women_owned(self, obj):
        return YES if obj.women_owned else ""

    def dehydrate_ethnic_minority(self, obj):
        return YES if obj.ethnic_minority else ""

    def dehydrate_ocop_stars(self, obj):
        return obj.ocop_stars

    def dehydrate_project_count(self, obj):
        return getattr(obj, "project_count", None)
