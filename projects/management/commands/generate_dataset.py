"""`manage.py generate_dataset --scale S --seed N`: the synthetic country of projects.dataset."""

from django.core.management.base import BaseCommand, CommandError

from khuyencong.demo import DEMO_PASSWORD
from khuyencong.formatting import group_thousands
from projects import dataset


class Command(BaseCommand):
    help = (
        "Write a deterministic synthetic country for benchmarks: at scale 1 the 63 old units "
        "(2014-2025) and the 34 current ones (2026, some 2027 drafts), about 30.000 đề án and "
        "60.000 establishments. Refuses to run while generated data exists (see --reset); "
        "province-years that already have a plan are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 = about 30.000 đề án.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--current-year",
            type=int,
            default=dataset.CURRENT_YEAR,
            help="The year whose plans are being run (drafts for the next); fixed, not the clock.",
        )
        parser.add_argument("--first-year", type=int, default=dataset.FIRST_YEAR)
        parser.add_argument(
            "--provinces",
            default="",
            help="Comma-separated codes of current units (e.g. 92,25): only their share.",
        )
        parser.add_argument(
            "--password", default=DEMO_PASSWORD, help="Password of every generated user."
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete previously generated data first."
        )
        parser.add_argument(
            "--delete", action="store_true", help="Only delete previously generated data."
        )

    def handle(self, *args, **opts):
        if opts["reset"] or opts["delete"]:
            deleted = dataset.delete_generated()
            self.stdout.write(
                "Deleted generated data: "
                + ", ".join(f"{name} {group_thousands(n)}" for name, n in deleted.items())
            )
            if opts["delete"]:
                return
        options = dataset.Options(
            scale=opts["scale"],
            seed=opts["seed"],
            current_year=opts["current_year"],
            first_year=opts["first_year"],
            provinces=tuple(c.strip() for c in opts["provinces"].split(",") if c.strip()),
            password=opts["password"],
        )
        try:
            summary = dataset.generate(options, log=self.stdout.write)
        except dataset.DatasetError as error:
            raise CommandError(str(error)) from error
        self._report(summary)

    def _report(self, summary: dataset.Summary) -> None:
        write, n = self.stdout.write, group_thousands
        write("")
        write(f"Generated in {summary.seconds:.1f} s:")
        for label, value in (
            ("users", summary.users),
            ("organisations created", summary.organisations),
            ("plans", summary.plans),
            ("đề án", summary.projects),
            ("establishments", summary.beneficiaries),
            ("participations", summary.participations),
            ("budget lines", summary.budget_lines),
            ("outputs", summary.outputs),
        ):
            write(f"  {label:<24}{n(value):>12}")
        write("  đề án by programme: " + self._pairs(summary.projects_by_program))
        write("  đề án by status:    " + self._pairs(summary.projects_by_status))
        write(f"  {'money (đồng)':<16}{'proposed':>22}{'approved':>22}")
        for source in ("kcqg", "kcdp", "counterpart", "other"):
            write(
                f"  {source:<16}{n(summary.proposed.get(source, 0)):>22}"
                f"{n(summary.approved.get(source, 0)):>22}"
            )
        write(
            f"  {'total':<16}{n(sum(summary.proposed.values())):>22}"
            f"{n(sum(summary.approved.values())):>22}"
        )
        public = summary.proposed.get("kcqg", 0) + summary.proposed.get("kcdp", 0)
        if public:
            leverage = summary.proposed.get("counterpart", 0) / public
            write(f"  leverage (counterpart ÷ KCQG+KCĐP, proposed): {leverage:.2f}")
        if summary.skipped:
            write(
                f"Skipped {len(summary.skipped)} province-years that already had a plan: "
                + ", ".join(summary.skipped)
            )

    @staticmethod
    def _pairs(counts: dict[str, int]) -> str:
        return ", ".join(f"{k} {group_thousands(v)}" for k, v in sorted(counts.items()))
