from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from khuyencong import demo


class Command(BaseCommand):
    help = (
        "Reference organisations (a centre and a Sở per province, the ministry) and, with DEBUG "
        "on, the demo users and demo data. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-users", action="store_true", help="Only organisations, never demo users."
        )

    def handle(self, *args, no_users=False, **options):
        with transaction.atomic():
            orgs = demo.seed_organisations()
            self.stdout.write(f"Organisations: {len(orgs)}")
            if no_users or not settings.DEBUG:
                if not settings.DEBUG:
                    self.stdout.write("DEBUG is off: no demo users created.")
                return
            logins = demo.seed_demo_users(orgs)
            for extra in demo.demo_data_seeders():
                extra(stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password: {demo.DEMO_PASSWORD})")
        for login in logins:
            self.stdout.write(f"  {login.username:<20} {login.role:<20} {login.organisation}")
