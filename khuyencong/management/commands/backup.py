from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from khuyencong.backup import BackupError, backup_write


class Command(BaseCommand):
    help = (
        "Write one archive with the database (pg_dump on PostgreSQL, SQLite's online backup) "
        "and the private files of MEDIA_ROOT, with a manifest of row counts, money totals and "
        "file checksums. Safe while the portal runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive to write, e.g. kc-2026-05-01.tar.gz")
        parser.add_argument("--database", default="default")

    def handle(self, *args, file, database, **options):
        try:
            manifest = backup_write(Path(file), alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"{file}: {len(manifest['tables'])} tables, {rows} rows, "
            f"{len(manifest['files'])} files ({manifest['engine']})"
        )
