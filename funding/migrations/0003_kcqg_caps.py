from django.db import migrations


def load(apps, schema_editor):
    from projects.reference import load_kcqg_caps

    load_kcqg_caps(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0002_initial"),
        ("projects", "0002_contents_and_indicators"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
