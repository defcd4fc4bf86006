"""Load the 63 old and 34 new province-level units from khuyencong/data/provinces.csv.

Idempotent (keyed on era + code), so re-running after a data correction updates rows in place.
"""

import csv
import datetime
from pathlib import Path

from django.db import migrations

from khuyencong.migrations._frozen_text import normalize

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "provinces.csv"


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def load_provinces(apps, schema_editor):
    Province = apps.get_model("khuyencong", "Province")
    with CSV_PATH.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_key = {}
    for row in rows:
        province, _ = Province.objects.update_or_create(
            era=row["era"],
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "valid_from": _date(row["valid_from"]),
                "valid_until": _date(row["valid_until"]),
                "region": row["region"],
                "became_city_on": _date(row["became_city_on"]),
                "commune_count": int(row["communes"]) if row["communes"] else None,
                "search_name": normalize(row["name"]),
            },
        )
        by_key[(row["era"], row["code"])] = province
    for row in rows:
        if row["successor_code"]:
            province = by_key[(row["era"], row["code"])]
            province.successor = by_key[("2025", row["successor_code"])]
            province.save(update_fields=["successor"])


class Migration(migrations.Migration):
    dependencies = [("khuyencong", "0001_initial")]

    operations = [migrations.RunPython(load_provinces, migrations.RunPython.noop)]
