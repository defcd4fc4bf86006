"""How each report is laid out on paper and in a workbook: a builder's dataclass → a Document.

The labels are the documents' own, in Vietnamese (like the import templates and the export
headers): the three provinces' forms keep their verbatim column labels and column order (form 1
KCQG | KCĐP, form 2 KCĐP | KCQG). No query here.
"""

from __future__ import annotations

from collections.abc import Callable

from khuyencong import formatting
from reports import charts
from reports.builders.consolidated import ConsolidatedReport
from reports.builders.consolidated import Row as ConsolidatedRow
from reports.builders.effectiveness import EffectivenessReport
from reports.builders.funding import UNIT as FUNDING_UNIT
from reports.builders.funding import FundingLine, FundingReport
from reports.builders.implementation import ImplementationReport
from reports.builders.plan import PlanReport
from reports.builders.project_list import ProjectListReport
from reports.builders.results import ResultsLine, ResultsReport
from reports.builders.series import SeriesReport
from reports.renderers.document import Cell, Chart, Column, Document, Row, Table

NO_DISBURSEMENT = "Chưa có số liệu giải ngân"
PROGRAM_SHORT = {"kcqg": "KCQG", "kcdp": "KCĐP"}


def _million(value) -> str:
    return formatting.format_million_number(value, 1)


def _ratio(value) -> str:
    return formatting.format_ratio(value, 2)


def _percent(value) -> str:
    return formatting.format_percent(value, 1)


def _months(start, end) -> str:
    def month(day):
        return f"{day.month:02d}/{day.year}" if day else ""

    if not start and not end:
        return ""
    return f"{month(start)}–{month(end)}" if end and end != start else month(start)


# --- plan ----------------------------------------------------------------------------------------


def plan(report: PlanReport) -> Document:
    money = [("KCQG", "kcqg"), ("KCĐP", "kcdp"), ("Đối ứng", "counterpart"), ("Khác", "other")]
    columns = [
        Column("Mã đề án", "code", width=18),
        Column("Tên đề án", width=40),
        Column("Cơ sở thụ hưởng", width=30),
        Column("Địa điểm", width=16),
        Column("Thời gian", width=16),
    ]
    for group in ("Đề xuất", "Được duyệt"):
        columns += [Column(label, "money", group) for label, _ in money]
        columns.append(Column("Tổng", "money", group))
    columns += [Column("Hệ số thu hút vốn", "ratio", width=10), Column("Trạng thái", width=14)]

    def amounts(totals) -> list:
        if totals is None:
            return [None] * 5
        return [getattr(totals, name) for _, name in money] + [totals.total]

    rows = []
    for group in report.groups:
        rows.append(Row([f"{group.code}. {group.name}"], "heading"))
        for line in group.rows:
            rows.append(
                Row(
                    [
                        line.code,
                        line.title,
                        "; ".join(line.establishments),
                        line.place,
                        _months(line.start, line.end),
                        *amounts(line.proposed),
                        *amounts(line.approved),
                        line.leverage,
                        line.status,
                    ]
                )
            )
        leverage = (group.approved or group.proposed).leverage
        rows.append(
            Row(
                [
                    "",
                    f"Cộng nội dung {group.code} ({len(group.rows)} đề án)",
                    "",
                    "",
                    "",
                    *amounts(group.proposed),
                    *amounts(group.approved),
                    leverage,
                    "",
                ],
                "subtotal",
            )
        )
    grand = report.approved or report.proposed
    rows.append(
        Row(
            [
                "",
                f"Tổng cộng ({report.count} đề án)",
                "",
                "",
                "",
                *amounts(report.proposed),
                *amounts(report.approved),
                grand.leverage,
                "",
            ],
            "total",
        )
    )
    programs = Table(
        key="Theo chương trình",
        title="Theo chương trình",
        columns=[
            Column("Chương trình", width=30),
            Column("Số đề án", "int", width=10),
            Column("Kinh phí khuyến công", "money", "Đề xuất"),
            Column("Tổng", "money", "Đề xuất"),
            Column("Kinh phí khuyến công", "money", "Được duyệt"),
            Column("Tổng", "money", "Được duyệt"),
        ],
        rows=[
            Row(
                [
                    label,
                    count,
                    proposed.public,
                    proposed.total,
                    approved.public if approved else None,
                    approved.total if approved else None,
                ]
            )
            for label, count, proposed, approved in report.by_program
        ],
    )
    words = [
        ("Tổng kinh phí khuyến công (KCQG + KCĐP)", grand.public),
        ("Tổng kinh phí", grand.total),
    ]
    return Document(
        meta=report.meta,
        tables=[
            Table(key="Kế hoạch", title="Danh mục đề án theo nội dung", columns=columns, rows=rows),
            programs,
        ],
        words=words,
        filename=f"ke-hoach-{report.year}",
    )


# --- consolidated --------------------------------------------------------------------------------

CONSOLIDATED_MONEY = [
    Column("Số đề án", "int", width=9),
    Column("KCQG", "money"),
    Column("KCĐP", "money"),
    Column("Đối ứng", "money"),
    Column("Tổng", "money", width=16),
    Column("Hệ số thu hút vốn", "ratio", width=10),
    Column("Giải ngân", "money"),
    Column("Tỷ lệ thực hiện (%)", "percent", width=11),
    Column("Tăng/giảm so với năm trước (%)", "percent", width=13),
]


def _consolidated_cells(row: ConsolidatedRow) -> list:
    return [
        row.count,
        row.money.kcqg,
        row.money.kcdp,
        row.money.counterpart,
        row.money.total,
        row.leverage,
        row.disbursed,
        row.execution,
        row.change,
    ]


def consolidated(report: ConsolidatedReport) -> Document:
    def table(key: str, title: str, heads: list[Column], rows, label: Callable) -> Table:
        body = [Row([*label(row), *_consolidated_cells(row)]) for row in rows]
        blanks = [""] * (len(heads) - 1)
        body.append(Row([*blanks, report.total.label, *_consolidated_cells(report.total)], "total"))
        return Table(key=key, title=title, columns=heads + CONSOLIDATED_MONEY, rows=body)

    tables = [
        table(
            "Theo tỉnh",
            "Theo tỉnh/thành phố",
            [Column("Mã", "code", width=6), Column("Tỉnh/thành phố", width=22)],
            report.by_province,
            lambda row: [row.key, row.label],
        ),
        table(
            "Theo vùng",
            "Theo vùng",
            [Column("Vùng", width=32)],
            report.by_region,
            lambda r: [r.label],
        ),
        table(
            "Theo nội dung",
            "Theo nội dung khuyến công",
            [Column("Nội dung", "code", width=8), Column("Tên nội dung", width=40)],
            report.by_content,
            lambda row: [row.key, row.label],
        ),
        table(
            "Theo chương trình",
            "Theo chương trình",
            [Column("Chương trình", width=32)],
            report.by_program,
            lambda row: [row.label],
        ),
    ]
    labels = [row.label for row in report.by_province]
    chart_list = [
        Chart(
            "Hệ số thu hút vốn theo tỉnh/thành phố",
            charts.horizontal_bars(
                title="Hệ số thu hút vốn theo tỉnh/thành phố (đồng đối ứng / 1 đồng khuyến công)",
                labels=labels,
                values=[row.leverage for row in report.by_province],
                formatter=_ratio,
                empty_message="Chưa có kinh phí khuyến công",
            ),
        ),
        Chart(
            "Tỷ lệ thực hiện theo tỉnh/thành phố",
            charts.horizontal_bars(
                title="Tỷ lệ thực hiện kế hoạch theo tỉnh/thành phố (%)",
                labels=labels,
                values=[row.execution for row in report.by_province],
                formatter=_percent,
                empty_message=NO_DISBURSEMENT,
                color=charts.PALETTE[2],
            ),
        ),
    ]
    return Document(
        meta=report.meta,
        tables=tables,
        charts=chart_list,
        words=[("Tổng kinh phí khuyến công (KCQG + KCĐP)", report.total.money.public)],
        filename=f"tong-hop-{report.year}-{report.grouping}",
    )


# --- series --------------------------------------------------------------------------------------


def series(report: SeriesReport) -> Document:
    columns = [
        Column("Năm", "code", width=8),
        Column("Số đề án", "int", width=9),
        Column("KCQG", "money"),
        Column("KCĐP", "money"),
        Column("Đối ứng", "money"),
        Column("Khác", "money"),
        Column("Tổng", "money", width=16),
        Column("Hệ số thu hút vốn", "ratio", width=10),
        Column("Giải ngân", "money"),
        Column("Tỷ lệ thực hiện (%)", "percent", width=11),
    ]

    def cells(label, row) -> list:
        money = row.money
        return [
            label,
            row.count,
            money.kcqg,
            money.kcdp,
            money.counterpart,
            money.other,
            money.total,
            row.leverage,
            row.disbursed,
            row.execution,
        ]

    rows = [Row(cells(str(row.year), row)) for row in report.rows]
    rows.append(Row(cells("Cả giai đoạn", report.total), "total"))
    lead = []
    if report.cumulative_leverage is not None:
        lead.append(
            f"Giai đoạn {report.year_from}–{report.year_to}: 1 đồng vốn khuyến công thu hút "
            f"{_ratio(report.cumulative_leverage)} đồng vốn đối ứng."
        )
    chart = charts.grouped_bars(
        title="Kinh phí theo nguồn qua các năm (triệu đồng)",
        categories=[str(row.year) for row in report.rows],
        series=report.money_series,
        formatter=lambda v: formatting.format_million_number(v, 0),
        empty_message="Không có đề án trong giai đoạn",
    )
    return Document(
        meta=report.meta,
        tables=[Table(key="Theo năm", title="Theo năm", columns=columns, rows=rows)],
        charts=[Chart("Kinh phí theo nguồn qua các năm", chart)],
        lead=lead,
        words=[("Tổng kinh phí khuyến công cả giai đoạn", report.total.money.public)],
        filename=f"chuoi-{report.year_from}-{report.year_to}",
    )


# --- effectiveness -------------------------------------------------------------------------------


def effectiveness(report: EffectivenessReport) -> Document:
    before, after = report.before_year, report.after_year
    columns = [
        Column("STT", "int", width=6),
        Column("Cơ sở", width=36),
        Column("Mã số thuế", "code", width=14),
        Column("Đề án", width=22),
        Column(f"Năm {before}", "money", "Doanh thu"),
        Column(f"Năm {after}", "money", "Doanh thu"),
        Column("Tăng (%)", "percent", "Doanh thu", width=10),
        Column(f"Năm {before}", "int", "Lao động", width=10),
        Column(f"Năm {after}", "int", "Lao động", width=10),
        Column("Tăng (%)", "percent", "Lao động", width=10),
    ]
    rows = [
        Row(
            [
                index,
                row.name,
                row.tax_code,
                ", ".join(row.projects),
                row.revenue_before,
                row.revenue_after,
                row.revenue_change,
                row.employees_before,
                row.employees_after,
                row.employees_change,
            ]
        )
        for index, row in enumerate(report.rows, start=1)
    ]
    revenue, employees = report.revenue, report.employees
    rows.append(
        Row(
            [
                None,
                f"Tổng ({revenue.compared} cơ sở có đủ số liệu doanh thu)",
                "",
                "",
                revenue.before if revenue.compared else None,
                revenue.after if revenue.compared else None,
                revenue.change,
                employees.before if employees.compared else None,
                employees.after if employees.compared else None,
                employees.change,
            ],
            "total",
        )
    )
    lead = [
        f"{len(report.rows)} cơ sở được hỗ trợ; {revenue.compared} cơ sở có số liệu doanh thu "
        f"cả năm {before} và năm {after}."
    ]
    if revenue.change is not None:
        lead.append(
            f"Doanh thu sau hỗ trợ thay đổi {_percent(revenue.change)} so với trước hỗ trợ."
        )
    if employees.change is not None:
        lead.append(f"Lao động sau hỗ trợ thay đổi {_percent(employees.change)}.")
    return Document(
        meta=report.meta,
        tables=[
            Table(
                key="Hiệu quả",
                title="Doanh thu và lao động trước, sau hỗ trợ",
                columns=columns,
                rows=rows,
            )
        ],
        lead=lead,
        filename=f"hieu-qua-{report.year}",
    )


# --- results (form 1) ----------------------------------------------------------------------------


def results(report: ResultsReport) -> Document:
    done = f"Năm báo cáo {report.year}"
    pending = "Kế hoạch (đề án chưa nghiệm thu)"
    columns = [
        Column("TT", "code", width=6),
        Column("Chỉ tiêu", width=60),
        Column("Đơn vị tính", width=14),
        Column("KCQG", "int", done, width=11),
        Column("KCĐP", "int", done, width=11),
        Column("KCQG", "int", pending, width=11),
        Column("KCĐP", "int", pending, width=11),
    ]

    def cells(line: ResultsLine) -> list:
        values = [line.done_kcqg, line.done_kcdp, line.pending_kcqg, line.pending_kcdp]
        if line.is_money:
            values = [Cell(value, "million") for value in values]
        # An en dash marks a sub-row as the form's "-" does; a hyphen would start a formula in
        # a spreadsheet (and be neutralised with a visible apostrophe).
        label = f"– {line.label}" if line.is_sub else line.label
        return [line.number, label, line.unit, *values]

    rows = [Row(cells(report.total), "total")]
    rows += [Row(cells(line), "sub" if line.is_sub else "") for line in report.lines]
    return Document(
        meta=report.meta,
        tables=[
            Table(
                key="Kết quả",
                title="Kết quả công tác khuyến công",
                columns=columns,
                rows=rows,
                note="KCQG: Khuyến công quốc gia; KCĐP: Khuyến công địa phương",
            )
        ],
        filename=f"ket-qua-{report.year}",
    )


# --- funding (form 2) ----------------------------------------------------------------------------


def funding(report: FundingReport) -> Document:
    plan_group = f"Năm báo cáo {report.year}: kế hoạch"
    columns = [
        Column("TT", "code", width=6),
        Column("Chỉ tiêu", width=60),
        Column("Đơn vị tính", width=10),
        Column("KCĐP", "million", plan_group),
        Column("KCQG", "million", plan_group),
        Column("KCĐP", "million", "Giải ngân"),
        Column("KCQG", "million", "Giải ngân"),
        Column("KCĐP", "million", "Nghiệm thu"),
        Column("KCQG", "million", "Nghiệm thu"),
    ]

    def cells(line: FundingLine) -> list:
        disbursed = line.disbursed
        return [
            line.code,
            line.label,
            FUNDING_UNIT,
            line.plan.kcdp,
            line.plan.kcqg,
            disbursed.kcdp if disbursed else None,
            disbursed.kcqg if disbursed else None,
            line.accepted.kcdp,
            line.accepted.kcqg,
        ]

    rows = [Row(cells(report.total), "total")]
    rows += [Row(cells(line)) for line in report.lines]
    if report.unassigned:
        rows.append(Row(cells(report.unassigned)))
    words = [
        ("Tổng kinh phí KCĐP", report.total.plan.kcdp),
        ("Tổng kinh phí KCQG", report.total.plan.kcqg),
    ]
    return Document(
        meta=report.meta,
        tables=[
            Table(
                key="Kinh phí",
                title="Kinh phí khuyến công theo hoạt động",
                columns=columns,
                rows=rows,
                note="KCQG: Khuyến công quốc gia; KCĐP: Khuyến công địa phương",
            )
        ],
        words=words,
        filename=f"kinh-phi-{report.year}",
    )


# --- project_list (form 3) -----------------------------------------------------------------------


def project_list(report: ProjectListReport) -> Document:
    sources, spending = "Nguồn vốn (triệu đồng)", "Kinh phí thực hiện (triệu đồng)"
    columns = [
        Column("STT", "int", width=6),
        Column("Tên đề án", width=50),
        Column("Thời gian thực hiện (năm)", "code", width=12),
        Column("TW", "million", sources),
        Column("Địa phương", "million", sources),
        Column("Tổng kinh phí", "million", spending),
        Column("KP Khuyến công hỗ trợ", "million", spending),
        Column("KP DN đối ứng", "million", spending),
        Column("Đính kèm danh sách doanh nghiệp thụ hưởng", "int", width=14),
    ]

    def years(line) -> str:
        if line.year_start == line.year_end:
            return str(line.year_start)
        return f"{line.year_start}–{line.year_end}"

    rows = [
        Row(
            [
                line.number,
                line.title,
                years(line),
                line.money.kcqg,
                line.money.kcdp,
                line.money.total,
                line.money.public,
                line.money.counterpart,
                line.establishment_count,
            ]
        )
        for line in report.lines
    ]
    total = report.total
    rows.append(
        Row(
            [
                None,
                "Tổng cộng",
                "",
                total.kcqg,
                total.kcdp,
                total.total,
                total.public,
                total.counterpart,
                len(report.establishments),
            ],
            "total",
        )
    )
    establishments = Table(
        key="Doanh nghiệp thụ hưởng",
        title="Danh sách doanh nghiệp thụ hưởng",
        columns=[
            Column("STT đề án", "int", width=8),
            Column("Tên Doanh nghiệp", width=36),
            Column("Mã doanh nghiệp", "code", width=16),
            Column("Địa chỉ", width=40),
            Column("Người đại diện", width=22),
            Column("Ngành nghề kinh doanh", width=30),
        ],
        rows=[
            Row([e.project_number, e.name, e.tax_code, e.address, e.representative, e.sector])
            for e in report.establishments
        ],
    )
    return Document(
        meta=report.meta,
        tables=[
            Table(key="Dự án", title="Danh sách đề án", columns=columns, rows=rows),
            establishments,
        ],
        words=[("Tổng kinh phí khuyến công hỗ trợ", total.public)],
        filename=f"du-an-{report.year}",
    )


# --- implementation ------------------------------------------------------------------------------


def implementation(report: ImplementationReport) -> Document:
    sources = Table(
        key="Theo nguồn",
        title="Theo nguồn kinh phí",
        columns=[
            Column("Nguồn", width=32),
            Column("Kế hoạch", "money"),
            Column("Giải ngân", "money"),
            Column("Nghiệm thu", "money"),
            Column("Tỷ lệ thực hiện (%)", "percent", width=11),
        ],
        rows=[Row([s.label, s.plan, s.disbursed, s.accepted, s.execution]) for s in report.sources],
    )
    statuses = Table(
        key="Theo trạng thái",
        title="Số đề án theo trạng thái",
        columns=[Column("Trạng thái", width=24), Column("Số đề án", "int", width=10)],
        rows=[Row([s.label, s.count]) for s in report.statuses]
        + [Row(["Tổng cộng", sum(s.count for s in report.statuses)], "total")],
    )
    kc = "Kinh phí khuyến công"

    def cells(row) -> list:
        return [
            row.code,
            row.title,
            PROGRAM_SHORT.get(row.program, row.program),
            row.status,
            row.plan.public,
            row.plan.counterpart,
            row.disbursed,
            row.accepted.public,
            row.accepted.counterpart,
            row.execution,
        ]

    projects = Table(
        key="Theo đề án",
        title="Theo đề án",
        columns=[
            Column("Mã đề án", "code", width=18),
            Column("Tên đề án", width=44),
            Column("Chương trình", "code", width=8),
            Column("Trạng thái", width=14),
            Column(kc, "money", "Kế hoạch"),
            Column("Đối ứng", "money", "Kế hoạch"),
            Column(kc, "money", "Giải ngân"),
            Column(kc, "money", "Nghiệm thu"),
            Column("Đối ứng", "money", "Nghiệm thu"),
            Column("Tỷ lệ thực hiện (%)", "percent", width=11),
        ],
        rows=[Row(cells(row)) for row in report.projects] + [Row(cells(report.total), "total")],
    )
    outputs = Table(
        key="Kết quả đầu ra",
        title="Kết quả đầu ra: kế hoạch và đạt được",
        columns=[
            Column("Chỉ tiêu", width=44),
            Column("Đơn vị tính", width=14),
            Column("Kế hoạch", "int", width=11),
            Column("Đạt được", "int", width=11),
        ],
        rows=[Row([o.indicator, o.unit, o.planned, o.achieved]) for o in report.outputs],
    )
    return Document(
        meta=report.meta,
        tables=[sources, statuses, projects, outputs],
        words=[("Tổng kinh phí khuyến công kế hoạch", report.total.plan.public)],
        filename=f"thuc-hien-{report.year}-{report.period}",
    )


LAYOUTS: dict[type, Callable[..., Document]] = {
    PlanReport: plan,
    ConsolidatedReport: consolidated,
    SeriesReport: series,
    EffectivenessReport: effectiveness,
    ResultsReport: results,
    FundingReport: funding,
    ProjectListReport: project_list,
    ImplementationReport: implementation,
}


def document(report) -> Document:
    if isinstance(report, Document):
        return report
    return LAYOUTS[type(report)](report)
