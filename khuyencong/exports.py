"""List exports through django-import-export, safe to open in a spreadsheet.

Cells that begin with =, +, - or @ are prefixed with an apostrophe so a spreadsheet shows them as
text instead of running them as formulas (CSV/formula injection).
"""

import datetime

from django.http import HttpResponse
from import_export import resources
from import_export.formats.base_formats import CSV, XLSX

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXPORT_FORMATS = {"xlsx": XLSX, "csv": CSV}


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeExportResource(resources.ModelResource):
    """Base for every export: neutralised text cells, dates as dd/mm/yyyy."""

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        if isinstance(value, datetime.date):
            return value.strftime("%d/%m/%Y")
        return neutralise(value)


def export_response(resource: SafeExportResource, queryset, fmt: str, basename: str):
    """Render `queryset` with `resource` as an attachment in `fmt` ("xlsx" or "csv")."""
    export_format = EXPORT_FORMATS[fmt]()
    dataset = resource.export(queryset=queryset)
    data = export_format.export_data(dataset)
    if isinstance(data, str):
        data = ("\ufeff" + data).encode("utf-8")  # BOM: Excel opens Vietnamese CSV correctly
    stamp = datetime.date.today().strftime("%Y%m%d")
    response = HttpResponse(data, content_type=export_format.get_content_type())
    response["Content-Disposition"] = f'attachment; filename="{basename}-{stamp}.{fmt}"'
    return response
