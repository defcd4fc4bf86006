from django.db import migrations


def load(apps, schema_editor):
    from projects.reference import load_contents_and_indicators

    load_contents_and_indicators(apps)


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
