from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from khuyencong.backup import BackupError, restore_read


class Command(BaseCommand):
    help = (
        "Restore an archive of `manage.py backup` into an empty database and MEDIA_ROOT, then "
        "check every table's row count, every money total and every file against its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="An archive written by `manage.py backup`")
        parser.add_argument("--database", default="default")

    def handle(self, *args, file, database, **options):
        try:
            summary = restore_read(Path(file), alias=database)
        except (BackupError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        rows = sum(summary.tables.values())
        self.stdout.write(
            f"Restored and checked: {len(summary.tables)} tables, {rows} rows, "
            f"{len(summary.totals)} money totals, {len(summary.files)} files."
        )
