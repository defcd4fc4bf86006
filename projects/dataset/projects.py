"""The đề án of the synthetic country: for each plan, its đề án drawn one by one (content,
programme, state, establishments, money, title, outputs) and written in batches with their
budget lines, participations and outputs; the later apps' dataset writers then add their
records to each batch (see extensions.py)."""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

from django.db import reset_queries
from simple_history.utils import bulk_create_with_history

from funding.models import BudgetLine
from khuyencong.text import normalize
from projects.dataset.bulk import batch_size
from projects.dataset.draws import (
    aware,
    day_in,
    lower_first,
    random_for,
    unit_prefix,
    weighted,
    words,
)
from projects.dataset.establishments import TRADES
from projects.dataset.money import OTHER_PROFILE, PROFILES, ProjectMoney, draw_money
from projects.dataset.options import BATCH_SIZE, Options
from projects.dataset.plans import PlanSpec
from projects.models import (
    Content,
    Indicator,
    Participation,
    Plan,
    PlanStatus,
    Program,
    Project,
    ProjectOutput,
    ProjectStatus,
)
from projects.services import project_code

# --- The states a đề án is drawn in ----------------------------------------------------------

# Of the đề án of an approved plan (rejection is drawn first, for KCQG only), by the plan's age.
STATUS_BY_AGE = {
    0: [
        (ProjectStatus.APPROVED, 0.2),
        (ProjectStatus.IN_PROGRESS, 0.5),
        (ProjectStatus.ACCEPTED, 0.27),
        (ProjectStatus.STOPPED, 0.03),
    ],
    1: [
        (ProjectStatus.IN_PROGRESS, 0.26),
        (ProjectStatus.ACCEPTED, 0.45),
        (ProjectStatus.SETTLED, 0.25),
        (ProjectStatus.STOPPED, 0.04),
    ],
    2: [
        (ProjectStatus.IN_PROGRESS, 0.06),
        (ProjectStatus.ACCEPTED, 0.3),
        (ProjectStatus.SETTLED, 0.6),
        (ProjectStatus.STOPPED, 0.04),
    ],
    3: [
        (ProjectStatus.ACCEPTED, 0.1),
        (ProjectStatus.SETTLED, 0.86),
        (ProjectStatus.STOPPED, 0.04),
    ],
}
KCQG_REJECTED = 0.12
DONE = frozenset({ProjectStatus.ACCEPTED, ProjectStatus.SETTLED})


def project_status(rng: random.Random, spec: PlanSpec, program: str, options: Options) -> str:
    if spec.status != PlanStatus.APPROVED:
        return ProjectStatus.PROPOSED
    if program == Program.KCQG and rng.random() < KCQG_REJECTED:
        return ProjectStatus.REJECTED
    age = min(3, max(0, options.current_year - spec.year))
    return weighted(rng, STATUS_BY_AGE[age])


# --- Words of titles and objectives -----------------------------------------------------------

COUNTRIES = words("Nhật Bản|Hàn Quốc|Thái Lan|Đức|Pháp|Singapore|Trung Quốc|Hoa Kỳ|Ý", "|")

TITLES = {
    "1": (
        "Đào tạo nghề {process} cho lao động nông thôn {place}",
        "Truyền nghề {process} tại {place}",
    ),
    "2": (
        "Tập huấn nâng cao năng lực quản lý cho cơ sở công nghiệp nông thôn {place}",
        "Hội thảo chuyên đề phát triển ngành {process} {place}",
    ),
    "2.1": ("Hỗ trợ khởi sự doanh nghiệp công nghiệp nông thôn {place}",),
    "3.1": (
        "Xây dựng mô hình trình diễn kỹ thuật {process} tại {establishment}",
        "Mô hình trình diễn kỹ thuật dây chuyền {process} {place}",
    ),
    "3.2": (
        "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong {process} {place}",
        "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong {process} tại {establishment}",
    ),
    "4.1": ("Tổ chức bình chọn sản phẩm công nghiệp nông thôn tiêu biểu {place} năm {year}",),
    "4.2": (
        "Tổ chức hội chợ triển lãm hàng công nghiệp nông thôn {place} năm {year}",
        "Hỗ trợ cơ sở công nghiệp nông thôn {place} tham gia hội chợ triển lãm năm {year}",
    ),
    "4.3": ("Hỗ trợ cơ sở tham gia hội chợ triển lãm tại {country} năm {year}",),
    "4.4": ("Hỗ trợ xây dựng phòng trưng bày, giới thiệu sản phẩm {product} {place}",),
    "4.5": ("Hỗ trợ đăng ký nhãn hiệu, xây dựng thương hiệu {product} {place}",),
    "5": ("Tư vấn, trợ giúp cơ sở {process} {place} lập dự án đầu tư, quản lý sản xuất",),
    "6": (
        "Xây dựng chuyên mục khuyến công trên Đài Phát thanh và Truyền hình năm {year}",
        "Xuất bản bản tin khuyến công {place} năm {year}",
    ),
    "7": ("Hỗ trợ lập quy hoạch chi tiết và hạ tầng cụm công nghiệp {place}",),
    "8": ("Hỗ trợ áp dụng sản xuất sạch hơn trong {process} {place}",),
    "9": ("Tổ chức đoàn khảo sát, học tập kinh nghiệm khuyến công tại {country}",),
    "10": ("Tập huấn nâng cao năng lực cán bộ làm công tác khuyến công năm {year}",),
    "11": ("Hỗ trợ chuyển đổi số cho cơ sở {process} {place}",),
    "12": ("Hỗ trợ nghệ nhân truyền nghề {process} tại {place}",),
}
OTHER_TITLES = ("Đề án khuyến công: {process} {place}",)

OBJECTIVES = {
    "1": "Nâng cao tay nghề cho lao động nông thôn, tạo việc làm ổn định tại các cơ sở công "
    "nghiệp nông thôn.",
    "2": "Nâng cao năng lực quản lý, kiến thức khởi sự và quản trị doanh nghiệp cho các cơ sở "
    "công nghiệp nông thôn.",
    "3": "Hỗ trợ cơ sở đổi mới công nghệ, nâng cao năng suất, chất lượng sản phẩm và giảm chi "
    "phí sản xuất.",
    "4": "Quảng bá, mở rộng thị trường tiêu thụ sản phẩm công nghiệp nông thôn tiêu biểu.",
    "5": "Tư vấn, trợ giúp cơ sở lập dự án đầu tư, quản lý tài chính, marketing và đổi mới "
    "công nghệ.",
    "6": "Tuyên truyền chủ trương, chính sách khuyến công và các điển hình tiên tiến.",
    "7": "Hỗ trợ liên doanh, liên kết và phát triển hạ tầng cụm công nghiệp.",
    "8": "Giảm tiêu hao nguyên liệu, năng lượng và chất thải, bảo vệ môi trường trong sản xuất.",
    "9": "Học tập kinh nghiệm quốc tế, mở rộng hợp tác về khuyến công.",
    "10": "Nâng cao năng lực cho cán bộ làm công tác khuyến công các cấp.",
    "11": "Hỗ trợ cơ sở ứng dụng công nghệ số trong quản lý, sản xuất và kinh doanh.",
    "12": "Hỗ trợ nghệ nhân gìn giữ, truyền dạy và phát triển nghề truyền thống.",
}

# Planned figures by the indicator's unit (ranges); "cơ sở" counts the establishments.
PLANNED_BY_UNIT = {
    "người": (15, 120),
    "lớp": (1, 4),
    "cuộc": (1, 6),
    "lượt người": (30, 300),
    "mô hình": (1, 1),
    "máy, thiết bị": (1, 8),
    "sản phẩm": (5, 40),
    "hội chợ": (1, 3),
    "lượt cơ sở": (10, 80),
    "phòng": (1, 1),
    "nhãn hiệu": (1, 5),
    "ấn phẩm": (6, 60),
    "cụm": (1, 1),
    "đoàn": (1, 2),
}


class ProjectWriter:
    """The generator's part that draws and writes the đề án (see generator.Generator for the
    state it shares: options, summary, contents, indicators, centres, staff, the
    establishments' candidates and names, the dataset writers, step)."""

    def projects(self, specs: list[PlanSpec], plans: dict[int, Plan]) -> None:
        pending: list[tuple[Project, ProjectMoney, list[int], list[tuple[Indicator, int]]]] = []
        for spec in specs:
            pending += self._plan_projects(spec, plans[id(spec)])
            if len(pending) >= BATCH_SIZE:
                self._save_projects(pending)
                pending = []
                self.step(f"Đề án: {self.summary.projects}")
        self._save_projects(pending)
        self.step(f"Đề án: {self.summary.projects}")

    def _content_choices(self, year: int) -> list[tuple[Content, float]]:
        choices = []
        for content in self.contents:
            profile = PROFILES.get(content.code, OTHER_PROFILE)
            if year >= profile.from_year:
                choices.append((content, profile.weight))
        return choices

    def _plan_projects(self, spec: PlanSpec, plan: Plan):
        options = self.options
        rng = random_for(options, "projects", spec.province.era, spec.province.code, spec.year)
        contents = self._content_choices(spec.year)
        candidates = self.candidates(spec)
        communes = self.communes[spec.unit.pk]
        sequences: dict[str, int] = defaultdict(int)
        centre = self.centres[spec.province.pk]
        staff = self.staff[spec.unit.pk]
        province_label = f"{unit_prefix(spec.province)} {spec.province.name}"
        rows = []
        for _ in range(spec.count):
            content = weighted(rng, contents)
            profile = PROFILES.get(content.code, OTHER_PROFILE)
            program = Program.KCQG if rng.random() < profile.kcqg_share else Program.KCDP
            status = project_status(rng, spec, program, options)
            chosen: list[tuple[int, int | None]] = []
            if content.needs_beneficiaries and candidates:
                wanted = weighted(rng, [(1, 30), (2, 25), (3, 20), (4, 15), (5, 10)])
                chosen = rng.sample(candidates, min(wanted, len(candidates)))
            money = draw_money(
                rng,
                profile=profile,
                program=program,
                establishments=len(chosen),
                approved=spec.status == PlanStatus.APPROVED and status != ProjectStatus.REJECTED,
            )
            commune_id = chosen[0][1] if chosen else None
            if not chosen and communes and rng.random() < 0.5:
                commune_id = rng.choice(communes).pk
            commune = self.commune_names.get(commune_id)
            place = lower_first(commune) if commune and rng.random() < 0.6 else province_label
            trade = rng.choice(TRADES)
            title = rng.choice(TITLES.get(content.code, OTHER_TITLES)).format(
                process=trade.process,
                product=trade.product,
                place=place,
                year=spec.year,
                country=rng.choice(COUNTRIES),
                establishment=(
                    self.beneficiary_names.get(chosen[0][0], province_label)
                    if chosen
                    else province_label
                ),
            )
            sequences[program] += 1
            sequence = sequences[program]
            code = project_code(
                program=program, year=spec.year, province=spec.province, sequence=sequence
            )
            # A few KCQG demonstration models are official pilots (đề án điểm).
            is_pilot = program == Program.KCQG and content.code == "3.1" and rng.random() < 0.15
            start = rng.randint(3, 7)
            created = aware(day_in(rng, spec.year - 1, (8, 10)))
            project = Project(
                plan=plan,
                year=spec.year,
                code=code,
                sequence=sequence,
                title=title,
                program=program,
                content=content,
                activity_id=self.activity_defaults.get(content.pk),
                is_pilot=is_pilot,
                implementing_organisation=centre,
                commune_id=commune_id,
                start_month=datetime.date(spec.year, start, 1),
                end_month=datetime.date(spec.year, rng.randint(start + 3, 12), 1),
                objectives=OBJECTIVES.get(content.code.split(".")[0], ""),
                status=status,
                created_by=staff,
                created_at=created,
                updated_at=created,
                # What Project.save() computes (bulk_create does not call it).
                search_text=f"{normalize(title)} {code.lower()}",
                # What projects.totals.refresh_project_totals stores from the budget lines.
                **money.stored_totals(),
            )
            project._history_user = staff
            project._history_date = created
            outputs = self._outputs(rng, content, len(chosen), status)
            rows.append((project, money, [pk for pk, _c in chosen], outputs))
        return rows

    def _outputs(self, rng, content: Content, establishments: int, status: str):
        indicators = self.indicators.get(content.pk) or self.indicators.get(content.parent_id, [])
        if not indicators:
            return []
        picked = sorted(
            rng.sample(indicators, rng.randint(1, min(3, len(indicators)))),
            key=lambda i: (i.sort_order, i.name),
        )
        rows = []
        for indicator in picked:
            if indicator.unit == "cơ sở" and establishments:
                planned = establishments
            else:
                planned = rng.randint(*PLANNED_BY_UNIT.get(indicator.unit, (1, 10)))
            actual = None
            if status in DONE:
                actual = max(0, round(planned * rng.uniform(0.85, 1.15)))
            rows.append((indicator, planned, actual))
        return rows

    def _save_projects(self, pending) -> None:
        if not pending:
            return
        projects = bulk_create_with_history(
            [p for p, *_rest in pending], Project, batch_size=batch_size(Project)
        )
        lines, participations, outputs = [], [], []
        summary = self.summary
        for project, (_p, money, chosen, wanted) in zip(projects, pending, strict=True):
            children = money.lines(project)
            children += [
                Participation(
                    project=project,
                    beneficiary_id=beneficiary_id,
                    support_amount=support,
                    counterpart_amount=counterpart,
                )
                for beneficiary_id, (support, counterpart) in zip(chosen, money.shares, strict=True)
            ]
            children += [
                ProjectOutput(project=project, indicator=indicator, planned=planned, actual=actual)
                for indicator, planned, actual in wanted
            ]
            for row in children:
                # Their history rows say "created" by the same person on the same day.
                row._history_user, row._history_date = project._history_user, project._history_date
                {BudgetLine: lines, Participation: participations, ProjectOutput: outputs}[
                    type(row)
                ].append(row)
            summary.projects_by_program[project.program] = (
                summary.projects_by_program.get(project.program, 0) + 1
            )
            summary.projects_by_status[project.status] = (
                summary.projects_by_status.get(project.status, 0) + 1
            )
            for source, amount in money.proposed.items():
                summary.proposed[source] = summary.proposed.get(source, 0) + amount
            for source, amount in (money.approved or {}).items():
                summary.approved[source] = summary.approved.get(source, 0) + amount
        for model, rows in (
            (BudgetLine, lines),
            (Participation, participations),
            (ProjectOutput, outputs),
        ):
            bulk_create_with_history(rows, model, batch_size=batch_size(model))
        written = [(p, money) for p, (_p, money, *_r) in zip(projects, pending, strict=True)]
        for writer in self.writers:
            writer.write_generated(written, summary=summary)
        reset_queries()  # see Generator.step()
        summary.projects += len(projects)
        summary.budget_lines += len(lines)
        summary.participations += len(participations)
        summary.outputs += len(outputs)
