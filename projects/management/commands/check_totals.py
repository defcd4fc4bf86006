"""Report (and with --fix, repair) đề án whose stored money differs from their budget lines."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from projects.totals import project_totals_drift, refresh_project_totals


class Command(BaseCommand):
    help = "Compare each đề án's stored totals with its budget lines; exit 1 on any drift."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Store the computed totals.")
        parser.add_argument("--show", type=int, default=20, help="How many rows to list.")

    def handle(self, *args, fix: bool, show: int, **options):
        drift = project_totals_drift()
        if not drift:
            self.stdout.write("Tổng kinh phí lưu trên mọi đề án khớp với các dòng kinh phí.")
            return
        for pk, stored, computed in drift[:show]:
            self.stdout.write(f"đề án #{pk}: lưu {stored} ≠ tính {computed}")
        if fix:
            with transaction.atomic():
                fixed = refresh_project_totals(pk for pk, _s, _c in drift)
            self.stdout.write(f"Đã sửa {fixed} đề án.")
            return
        raise CommandError(f"{len(drift)} đề án có tổng kinh phí lưu không khớp (chạy --fix).")
