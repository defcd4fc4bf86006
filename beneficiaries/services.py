"""Every change to beneficiaries: one function, one transaction, a history entry for each row.

Rules enforced here (never only in forms or templates):
- Only centre staff write, and only in the provinces they see.
- The tax code is stored in its canonical form (a branch as NNNNNNNNNN-NNN even when typed as 13
  digits), NULL when there is none, and is unique among establishments.
- The commune belongs to the establishment's province.
- The province is a unit valid today (a new record, or a record moved to another province); a
  former unit (Sóc Trăng after 1/7/2025) stays allowed only on the records that already have it.
- Of two people saving the same establishment at once exactly one wins (lock_version check under
  a row lock); the other gets StaleEditError and keeps what they typed.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary, Recognition, Snapshot
from beneficiaries.taxcode import TaxCodeError, canonical_tax_code
from khuyencong.children import sync_children
from khuyencong.errors import StaleEditError
from khuyencong.scoping import can_edit, visible_province_ids

EDITABLE_FIELDS = (
    "name",
    "kind",
    "tax_code",
    "representative",
    "phone",
    "email",
    "province",
    "commune",
    "street_address",
    "old_address",
    "product_group",
    "products",
    "employees",
    "revenue",
    "craft_village",
    "women_owned",
    "ethnic_minority",
    "ocop_stars",
)


@dataclass(frozen=True)
class RecognitionData:
    product: str
    level: str
    year: int
    pk: int | None = None


@dataclass(frozen=True)
class SnapshotData:
    year: int
    revenue: int | None = None
    employees: int | None = None
    capacity: str = ""
    pk: int | None = None


# --- The rules, one function each: the services below and the spreadsheet import call them -----


def check_write(user, province) -> None:
    """Only centre staff write, and only in the provinces they see (PermissionDenied)."""
    if not can_edit(user):
        raise PermissionDenied(_("Only the centre's staff can register or change beneficiaries."))
    ids = visible_province_ids(user)
    if ids is not None and province.pk not in ids:
        raise PermissionDenied


_check_write = check_write


def clean_tax_code(raw: str | None) -> str | None:
    """The canonical tax code, None when blank; ValidationError on the tax_code field."""
    try:
        result = canonical_tax_code(raw)
    except TaxCodeError as error:
        raise ValidationError({"tax_code": error.message}, code=error.code) from error
    return result.value if result else None


def check_commune_in_province(province, commune) -> None:
    if province is None:
        raise ValidationError({"province": _("Please choose the province.")}, code="required")
    if commune is not None and commune.province_id != province.pk:
        raise ValidationError(
            {"commune": _("This commune does not belong to the chosen province.")},
            code="commune_province",
        )


def check_province_current(province, today, *, kept: bool = False) -> None:
    """An establishment is registered in a unit that exists today; a former unit stays only on
    the records that already have it (`kept`)."""
    if not kept and not province.is_valid_on(today):
        raise ValidationError(
            {
                "province": _(
                    "%(province)s is a former unit, kept only on the records that already have "
                    "it: choose a current province."
                )
                % {"province": province}
            },
            code="province_not_current",
        )


def taken_tax_codes(tax_codes, exclude_pks=()) -> dict[str, Beneficiary]:
    """The establishments already holding these tax codes (one query), by tax code."""
    queryset = Beneficiary.objects.filter(tax_code__in=[c for c in tax_codes if c])
    if exclude_pks:
        queryset = queryset.exclude(pk__in=list(exclude_pks))
    return {b.tax_code: b for b in queryset.select_related("province")}


def _tax_code_taken_error() -> ValidationError:
    return ValidationError(
        {"tax_code": _("This tax code is already registered to another establishment.")},
        code="tax_code_taken",
    )


def _clean(data: Mapping[str, Any], base: Beneficiary | None = None) -> dict[str, Any]:
    """Check the fields given, merged over `base` (the stored row when updating)."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    cleaned = dict(data)
    if "tax_code" in cleaned:
        cleaned["tax_code"] = clean_tax_code(cleaned["tax_code"])
    province = cleaned.get("province", base.province if base else None)
    commune = cleaned.get("commune", base.commune if base else None)
    if province is not None:
        check_province_current(
            province,
            timezone.localdate(),
            kept=base is not None and province.pk == base.province_id,
        )
    check_commune_in_province(province, commune)
    return cleaned


def _check_tax_code_free(tax_code: str | None, exclude_pk: int | None = None) -> None:
    if tax_code and taken_tax_codes([tax_code], [exclude_pk] if exclude_pk else ()):
        raise _tax_code_taken_error()


def beneficiary_create(*, user, data: Mapping[str, Any]) -> Beneficiary:
    """Register an establishment. `data` holds the fields of EDITABLE_FIELDS (name, kind and
    province at least)."""
    cleaned = _clean(data)
    _check_write(user, cleaned["province"])
    try:
        with transaction.atomic():
            _check_tax_code_free(cleaned.get("tax_code"))
            beneficiary = Beneficiary(**cleaned, created_by=user)
            beneficiary._history_user = user
            beneficiary.save()
    except IntegrityError:
        # Two people registering the same tax code at once: the unique index decides.
        _check_tax_code_free(cleaned.get("tax_code"))
        raise
    return beneficiary


def beneficiary_update(
    *,
    user,
    beneficiary: Beneficiary,
    expected_version: int,
    data: Mapping[str, Any],
    recognitions: list[RecognitionData] | None = None,
    snapshots: list[SnapshotData] | None = None,
) -> Beneficiary:
    """Change an establishment and, when given, make its recognitions and yearly figures equal
    the lists given (rows without pk are added, stored rows missing from the list deleted), all
    or nothing. `expected_version` is the lock_version the user's form was built from."""
    try:
        with transaction.atomic():
            # Lock only the beneficiary's row, not the province and commune joined to it.
            current = (
                Beneficiary.objects.select_for_update(of=("self",))
                .select_related("province", "commune")
                .get(pk=beneficiary.pk)
            )
            _check_write(user, current.province)
            if current.lock_version != expected_version:
                raise StaleEditError
            cleaned = _clean(data, base=current)
            _check_write(user, cleaned.get("province", current.province))
            if "tax_code" in cleaned:
                _check_tax_code_free(cleaned["tax_code"], exclude_pk=current.pk)
            for name, value in cleaned.items():
                setattr(current, name, value)
            current.lock_version += 1
            current._history_user = user
            current.save()
            if recognitions is not None:
                sync_children(
                    user=user,
                    stored=current.recognitions.all(),
                    rows=recognitions,
                    key="pk",
                    build=lambda row: Recognition(beneficiary=current),
                    fields=("product", "level", "year"),
                    # A row the form was built with has gone: someone else changed the record.
                    unknown_is_stale=True,
                )
            if snapshots is not None:
                years = [row.year for row in snapshots]
                if len(years) != len(set(years)):
                    raise ValidationError(
                        _("Each year's figures can be entered only once."), code="snapshot_year"
                    )
                sync_children(
                    user=user,
                    stored=current.snapshots.all(),
                    rows=snapshots,
                    key="pk",
                    build=lambda row: Snapshot(beneficiary=current),
                    fields=("year", "revenue", "employees", "capacity"),
                    unknown_is_stale=True,
                )
    except IntegrityError:
        if "tax_code" in data:
            _check_tax_code_free(_clean(data, base=beneficiary).get("tax_code"), beneficiary.pk)
        raise
    return current
