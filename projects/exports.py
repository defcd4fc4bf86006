"""The đề án list as a spreadsheet: the rows of the filtered /projects/ page, every page of it.

Column headers are fixed Vietnamese (like the import templates), not translated: people's
spreadsheets and scripts rely on them. Money is in integer đồng, as numbers.
"""

from khuyencong.exports import Column, ExportSpec, choice_labels, register_export
from projects.models import PROGRAM_SHORT, ProjectStatus


def _queryset(user, params):
    from khuyencong.listing import sort_list
    from projects import selectors
    from projects.filters import ProjectSort

    rows = selectors.project_list(user=user, params=params).qs
    return sort_list(ProjectSort, params, rows)[0]


PROJECTS = register_export(
    ExportSpec(
        name="projects",
        basename="de-an",
        sheet_title="Đề án",
        queryset=_queryset,
        columns=(
            Column("Mã đề án", ("code",), width=20),
            Column("Tên đề án", ("title",), width=60),
            Column("Năm", ("year",), kind="int", width=8),
            Column("Tỉnh/thành phố", ("plan__province__name",), width=18),
            Column("Chương trình", ("program",), lambda v: PROGRAM_SHORT.get(v, v), width=10),
            Column("Nội dung", ("content__code",), width=10),
            Column("KCQG (đồng)", ("kcqg",), kind="money", width=16),
            Column("KCĐP (đồng)", ("kcdp",), kind="money", width=16),
            Column("Đối ứng (đồng)", ("counterpart",), kind="money", width=16),
            Column("Khác (đồng)", ("other",), kind="money", width=16),
            Column("Tổng (đồng)", ("total",), kind="money", width=18),
            Column("Trạng thái", ("status",), choice_labels(ProjectStatus.choices), width=16),
        ),
    )
)
