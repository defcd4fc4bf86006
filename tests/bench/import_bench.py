"""Import speed: a 10.000-row establishment import against a plain bulk_create of the same rows.

    .venv/bin/python -m tests.bench.import_bench [--rows 10000]

`import_ratio()` needs a configured Django with a migrated database (the bench's, or a fresh
SQLite file when run as a module); it writes inside a transaction it rolls back, so the database
is left as it was. The import's time is the whole path a clerk's file takes: reading the .xlsx,
finding the header, parsing every cell, the batched checks and the bulk write with history.
"""

from __future__ import annotations

import io
import time
from dataclasses import asdict, dataclass


@dataclass
class ImportRatio:
    rows: int
    import_seconds: float
    bulk_seconds: float
    read_seconds: float

    @property
    def ratio(self) -> float:
        return self.import_seconds / self.bulk_seconds

    @property
    def import_rows_per_second(self) -> float:
        return self.rows / self.import_seconds

    @property
    def bulk_rows_per_second(self) -> float:
        return self.rows / self.bulk_seconds

    def as_dict(self) -> dict:
        return {
            **asdict(self),
            "ratio": round(self.ratio, 2),
            "import_rows_per_second": round(self.import_rows_per_second),
            "bulk_rows_per_second": round(self.bulk_rows_per_second),
        }


class _Rollback(Exception):
    pass


def _tax_code(n: int) -> str:
    """A valid, distinct tax code for each n (the serial part differs; the province prefix is
    the first whose check digit is not the ambiguous 10)."""
    from beneficiaries.taxcode import check_digit

    for prefix in range(22, 99):
        first9 = f"{prefix}{n + 1:07d}"
        digit = check_digit(first9)
        if digit < 10:
            return first9 + str(digit)
    raise ValueError(n)


def _workbook(rows: int, province: str, communes: list[str]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Dữ liệu")
    sheet.append(
        ["Tên cơ sở", "Loại hình", "Mã số thuế", "Người đại diện", "Điện thoại",
         "Tỉnh/Thành phố", "Xã/Phường", "Địa chỉ", "Ngành nghề", "Sản phẩm", "Số lao động",
         "Làng nghề"]
    )  # fmt: skip
    for n in range(rows):
        sheet.append(
            [f"Cơ sở sản xuất số {n}", "Hộ kinh doanh", _tax_code(n), "Nguyễn Văn A",
             "0900000000", province, communes[n % len(communes)], f"Số {n}, đường 3/2",
             "Thủ công mỹ nghệ", "Mây tre đan", 10 + n % 50, ""]
        )  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _centre_user(province):
    from django.contrib.auth import get_user_model

    from khuyencong.models import Membership, Organisation, Role

    organisation = Organisation.objects.create(
        kind=Organisation.Kind.CENTRE, province=province, name="Trung tâm (bench)"
    )
    user = get_user_model().objects.create(username="bench.import")
    Membership.objects.create(user=user, organisation=organisation, role=Role.CENTER_STAFF)
    return user


def import_ratio(rows: int = 10_000, province_code: str = "92") -> ImportRatio:
    """Seconds of the import of `rows` establishments ÷ seconds of a plain bulk_create of the
    same establishments (same values, search keys computed, no history, no checks)."""
    from django.db import transaction

    from beneficiaries.models import Beneficiary, BeneficiaryKind, ProductGroup
    from khuyencong.importing.engine import get_kind, run_import
    from khuyencong.importing.reading import read_table
    from khuyencong.models import Commune, Province

    result: dict = {}
    try:
        with transaction.atomic():
            province = Province.objects.get(era=Province.Era.Y2025, code=province_code)
            communes = list(Commune.objects.filter(province=province).order_by("code")[:40])
            user = _centre_user(province)
            data = _workbook(rows, province.name, [c.name for c in communes])

            started = time.perf_counter()
            read_table(data)
            result["read_seconds"] = time.perf_counter() - started

            started = time.perf_counter()
            preview = run_import(get_kind("beneficiaries"), data, user=user, filename="bench.xlsx")
            result["import_seconds"] = time.perf_counter() - started
            assert preview.written and preview.counts["new"] == rows, preview.messages()[:3]
            # Raw deletes: a model delete would write a history row per establishment.
            Beneficiary.history.all()._raw_delete(Beneficiary.history.db)
            Beneficiary.objects.all()._raw_delete(Beneficiary.objects.db)

            started = time.perf_counter()
            objects = []
            for n in range(rows):
                beneficiary = Beneficiary(
                    name=f"Cơ sở sản xuất số {n}",
                    kind=BeneficiaryKind.HOUSEHOLD,
                    tax_code=_tax_code(n),
                    representative="Nguyễn Văn A",
                    phone="0900000000",
                    province=province,
                    commune=communes[n % len(communes)],
                    street_address=f"Số {n}, đường 3/2",
                    product_group=ProductGroup.HANDICRAFT,
                    products="Mây tre đan",
                    employees=10 + n % 50,
                    created_by=user,
                )
                beneficiary.refresh_search_fields()
                objects.append(beneficiary)
            Beneficiary.objects.bulk_create(objects, batch_size=1000)
            result["bulk_seconds"] = time.perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    return ImportRatio(rows=rows, **result)


def main() -> None:
    import argparse
    import json
    import os
    import tempfile

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench-import.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khuyencong.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    measured = import_ratio(args.rows)
    print(json.dumps(measured.as_dict(), indent=2))


if __name__ == "__main__":
    main()
