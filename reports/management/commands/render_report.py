"""`render_report NAME --year Y [--province CODE] [--period P] [--grouping G] [--region R]
[--from Y --to Y] [--plan ID] --format html|pdf|xlsx -o FILE`: the same file as the report's URL,
built for the whole country as the ministry sees it (--province limits it), through the same
pipeline as the page and the background job (reports.pipeline.report_file)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from khuyencong.converters import parse_id
from projects.models import Plan
from reports.params import FORMATS, ReportParamError, parse_params
from reports.pipeline import report_file
from reports.registry import REPORTS
from reports.selectors import ministry_scope


class Command(BaseCommand):
    help = "Write a report (plan, implementation, consolidated, ...) as HTML, PDF or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("name", choices=sorted(REPORTS))
        parser.add_argument("--year", default="")
        parser.add_argument("--province", default="", help="Province code, e.g. 92.")
        parser.add_argument("--period", default="", help="h1 or year.")
        parser.add_argument("--grouping", default="", help="current or historical.")
        parser.add_argument("--region", default="")
        parser.add_argument("--from", dest="year_from", default="")
        parser.add_argument("--to", dest="year_to", default="")
        parser.add_argument("--plan", default="", help="Plan id (report `plan`).")
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="pdf")
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args, name, output, fmt, **options):
        translation.activate("vi")
        scope = ministry_scope()
        plan = None
        try:
            if name == "plan":
                plan_id = parse_id(str(options["plan"] or ""))
                plans = Plan.objects.select_related("province")
                plan = plans.filter(pk=plan_id).first() if plan_id else None
                if plan is None:
                    raise CommandError("--plan must name an existing plan id.")
                params = parse_params({"year": str(plan.year), "format": fmt})
            else:
                params = parse_params(
                    {
                        "year": options["year"],
                        "province": options["province"],
                        "period": options["period"],
                        "grouping": options["grouping"],
                        "region": options["region"],
                        "from": options["year_from"],
                        "to": options["year_to"],
                        "format": fmt,
                    }
                )
            report = report_file(name=name, scope=scope, params=params, plan=plan)
        except ReportParamError as error:
            raise CommandError(error.message) from error
        Path(output).write_bytes(report.content)
        self.stdout.write(f"{output}: {len(report.content)} bytes")
