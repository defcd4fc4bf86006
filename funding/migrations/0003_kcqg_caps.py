"""Load the KCQG support caps of Circular 28/2018/TT-BTC (editable in the admin afterwards).

The data and the loader live here, frozen: a migration never imports live code, so a later
change to the app cannot change what this migration did.
"""

from decimal import Decimal

from django.db import migrations

# KCQG caps of Circular 28/2018/TT-BTC: (content code, per, percent, ceiling in đồng)
CIRCULAR_28_2018 = "Thông tư 28/2018/TT-BTC"
KCQG_CAPS = [
    ("3.1", "project", "30", 1_000_000_000),
    ("3.2", "beneficiary", "50", 300_000_000),
    ("4.3", "project", "100", None),
    ("2.1", "beneficiary", None, 10_000_000),
]



def load_kcqg_caps(apps, schema_editor=None):
    Content = apps.get_model("projects", "Content")
    SupportCap = apps.get_model("funding", "SupportCap")
    for code, per, percent, ceiling in KCQG_CAPS:
        SupportCap.objects.update_or_create(
            program="kcqg",
            content=Content.objects.get(code=code),
            province=None,
            per=per,
            defaults={
                "percent": Decimal(percent) if percent else None,
                "ceiling": ceiling,
                "legal_basis": CIRCULAR_28_2018,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0002_initial"),
        ("projects", "0002_contents_and_indicators"),
    ]

    operations = [migrations.RunPython(load_kcqg_caps, migrations.RunPython.noop)]
