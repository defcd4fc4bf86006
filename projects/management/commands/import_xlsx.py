"""python manage.py import_xlsx beneficiaries|projects FILE [--dry-run] [--user USERNAME]

The same engine as the import pages: prints the preview (counts and every error naming the row,
the column and the value) and exits non-zero, writing nothing, on any error. Lives in the
projects app because the core knows no domain app (both kinds are registered by then)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from khuyencong.importing.engine import OUTCOMES, get_kind, kind_names, run_import


class Command(BaseCommand):
    help = "Import establishments or đề án from an .xlsx / .xls file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["beneficiaries", "projects"])
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument(
            "--user", required=True, help="The centre user the rows are imported as."
        )

    def handle(self, *args, kind, file, dry_run, user, **options):
        if kind not in kind_names():
            raise CommandError(f"Unknown kind {kind}.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"No user {user}.")
        try:
            result = run_import(
                get_kind(kind),
                path.read_bytes(),
                user=account,
                filename=path.name,
                dry_run=dry_run,
            )
        except PermissionDenied as error:
            raise CommandError(str(error) or "Permission denied.") from error
        counts = result.counts
        self.stdout.write(
            f"{path.name}: {len(result.rows)} rows · "
            + ", ".join(f"{name} {counts[name]}" for name in OUTCOMES)
        )
        for message in result.messages():
            self.stderr.write(message)
        if result.refused or counts["error"]:
            raise CommandError("Nothing was written.", returncode=1)
        self.stdout.write("Checked only: nothing written." if dry_run else "Written.")
