"""The job runner's lease (attempt, started_at, heartbeat_at) on exports and import batches.

Jobs left unfinished by the code before the runner were queued under task names that no longer
exist, so no worker will ever finish them: they are given a last heartbeat at their creation,
and the runner marks them stopped (failed, can be started again) once the lease has passed."""

from django.db import migrations, models
from django.db.models import F

UNFINISHED = {"ExportJob": ("queued", "running"), "ImportBatch": ("checking", "writing")}


def mark_unfinished_as_started(apps, schema_editor):
    for name, statuses in UNFINISHED.items():
        model = apps.get_model("khuyencong", name)
        model.objects.filter(status__in=statuses).update(
            started_at=F("created_at"), heartbeat_at=F("created_at"), attempt=1
        )


class Migration(migrations.Migration):
    dependencies = [("khuyencong", "0400_report_jobs")]

    operations = [
        migrations.AddField(
            model_name="exportjob",
            name="attempt",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="exportjob",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="exportjob",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="attempt",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="importbatch",
            name="path",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.RunPython(mark_unfinished_as_started, migrations.RunPython.noop),
    ]
