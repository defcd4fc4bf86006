"""The whole đề án page: the form with its three row sets, loaded in a fixed number of queries,
validated together (the money rules of projects.state.problems shown next to the rows, as
project_save will enforce them), and turned into what the service takes.

Selects repeated in every row (indicators) and the long ones (communes) are built from objects
loaded once per page, so a form with fifty rows runs the same queries as one with five.
"""

import datetime

from django import forms
from django.db.models import Q

from khuyencong.models import Commune, Organisation
from khuyencong.scoping import membership_of
from projects import rules
from projects.activities import ActivityRule
from projects.caps import Caps, caps_of_content
from projects.forms.project import ProjectForm
from projects.forms.rows import BudgetLineFormSet, OutputFormSet, ParticipationFormSet
from projects.models import Activity, Content, Indicator, Project
from projects.state import BudgetLineData, OutputData, ParticipationData, ProjectState, problems
from projects.totals import Totals


class ProjectEditor:
    """The đề án form with its three row sets, loaded in a fixed number of queries, validated
    together, and turned into what projects.services.project_save takes."""

    def __init__(self, *, user, project: Project, data=None, search_url: str = ""):
        self.user = user
        self.project = project
        self.plan = plan = project.plan
        self.is_new = project.pk is None
        self.data = data
        membership = membership_of(user)
        own_org_id = membership.organisation_id if membership else None
        if self.is_new and own_org_id and not project.implementing_organisation_id:
            project.implementing_organisation_id = own_org_id

        contents = list(
            Content.objects.filter(Q(is_active=True) | Q(pk=project.content_id)).order_by(
                "sort_order", "code"
            )
        )
        organisations = list(
            Organisation.objects.filter(
                Q(province_id=plan.province_id)
                | Q(pk=own_org_id)
                | Q(pk=project.implementing_organisation_id)
            ).order_by("kind", "name")
        )
        # Communes exist only for the 34 units: a legacy plan (Sóc Trăng 2023) uses its
        # successor's.
        commune_province = plan.province.unit_on(datetime.date.today())
        communes = list(
            Commune.objects.filter(
                Q(province_id=commune_province.pk) | Q(pk=project.commune_id)
            ).order_by("name")
        )
        activities = list(Activity.objects.order_by("sort_order", "code"))
        activity_rule = ActivityRule.load()
        self.indicators = list(Indicator.objects.prefetch_related("contents"))
        indicator_data = {
            str(i.pk): {"data-contents": " ".join(str(c.pk) for c in i.contents.all())}
            for i in self.indicators
        }

        initial_budget, initial_participants, initial_outputs = self._initial_rows()

        self.form = ProjectForm(
            data,
            instance=project,
            plan=plan,
            contents=contents,
            organisations=organisations,
            communes=communes,
            activities=activities,
            activity_rule=activity_rule,
        )
        self.budget = BudgetLineFormSet(data, initial=initial_budget, prefix="budget")
        self.participants = ParticipationFormSet(
            data,
            initial=initial_participants,
            prefix="participants",
            form_kwargs={"search_url": search_url},
        )
        self.participants.user = user
        self.outputs = OutputFormSet(
            data,
            initial=initial_outputs,
            prefix="outputs",
            form_kwargs={"indicators": self.indicators, "indicator_data": indicator_data},
        )
        if self.is_new:
            for formset in (self.budget, self.participants, self.outputs):
                formset.extra = 2
        self.budget.stored_ids = frozenset(self.stored_ids["budget"])
        self.participants.stored_ids = frozenset(self.stored_ids["participants"])
        self.outputs.stored_ids = frozenset(self.stored_ids["outputs"])
        self.problems: list[rules.Problem] = []
        self.cap_errors: list[str] = []
        self.sum_errors: list[str] = []
        self.warnings: list[str] = []
        self._valid = None

    def _initial_rows(self):
        """The saved rows of an edited đề án (three queries), each with its id; the budget lines
        and outputs are kept to carry over what this form does not show (approved amounts,
        achieved outputs)."""
        self.existing_lines, self.existing_outputs = {}, {}
        self.stored_ids = {"budget": [], "participants": [], "outputs": []}
        budget, participants, outputs = [], [], []
        if self.is_new:
            return budget, participants, outputs
        for line in self.project.budget_lines.all():
            self.existing_lines[line.source] = line
            self.stored_ids["budget"].append(line.pk)
            budget.append({"id": line.pk, "source": line.source, "proposed": line.proposed})
        for p in self.project.participations.select_related("beneficiary"):
            self.stored_ids["participants"].append(p.pk)
            participants.append(
                {
                    "id": p.pk,
                    "beneficiary": p.beneficiary_id,
                    "beneficiary_name": p.beneficiary.name,
                    "support_amount": p.support_amount,
                    "counterpart_amount": p.counterpart_amount,
                }
            )
        for output in self.project.outputs.all():
            self.existing_outputs[output.indicator_id] = output
            self.stored_ids["outputs"].append(output.pk)
            outputs.append(
                {"id": output.pk, "indicator": output.indicator_id, "planned": output.planned}
            )
        return budget, participants, outputs

    # Validation ----------------------------------------------------------------------------

    def is_valid(self) -> bool:
        if self._valid is None:
            self._valid = self._validate()
        return self._valid

    def _validate(self) -> bool:
        form_ok = self.form.is_valid()
        program = self.form.cleaned_data.get("program")
        content = self.form.cleaned_data.get("content")
        version = self.form.cleaned_data.get("lock_version")
        if not self.is_new and version is not None and version != self.project.lock_version:
            # Built from an older version: the rows may have changed since. The service refuses
            # the save as stale (409) and the user keeps what they typed.
            for formset in (self.budget, self.participants, self.outputs):
                formset.stored_ids = None
        self.outputs.content = content
        budget_ok = self.budget.is_valid()
        participants_ok = self.participants.is_valid()
        outputs_ok = self.outputs.is_valid()
        if program and budget_ok:
            self._show_money_problems(program, content, with_establishments=participants_ok)
        return (
            form_ok
            and budget_ok
            and participants_ok
            and outputs_ok
            and not rules.errors_of(self.problems)
        )

    def _show_money_problems(self, program: str, content, *, with_establishments: bool) -> None:
        """Run projects.state.problems (as project_save will) and put each problem where the page
        shows it: the programme source under the budget lines, sums under the establishments, caps
        above the budget lines, warnings at the top."""
        state = ProjectState(
            fields={"program": program, "content": content.pk if content else None},
            budget=self.budget_lines(),
            participants=self.participations() if with_establishments else [],
            content=content,
        )
        if content is not None:
            caps = caps_of_content(plan=self.plan, program=program, content=content)
        else:
            caps = Caps(self.plan, [])
        found = problems(state, caps)
        if not with_establishments:
            # Until the rows parse, only the rule that does not depend on them is shown.
            found = [p for p in found if p.code == rules.PROGRAMME_SOURCE]
        self.problems = found
        for problem in found:
            if not problem.is_error:
                self.warnings.append(problem.message)
            elif problem.code == rules.PROGRAMME_SOURCE:
                self.budget._non_form_errors.append(
                    forms.ValidationError(problem.message, code=problem.code)
                )
            elif problem.code == rules.CAP:
                self.cap_errors.append(problem.message)
            else:
                self.sum_errors.append(problem.message)

    # What the page shows ----------------------------------------------------------------------

    @property
    def totals(self) -> Totals:
        if self.data is None:
            rows = [(f.initial["source"], f.initial["proposed"]) for f in self.budget.initial_forms]
        else:
            self.budget.is_valid()
            rows = self.budget.amounts()
        return Totals.of_amounts(rows)

    @property
    def participant_sums(self) -> tuple[int, int]:
        if self.data is None:
            rows = [
                (f.initial["support_amount"], f.initial["counterpart_amount"])
                for f in self.participants.initial_forms
            ]
        else:
            self.participants.is_valid()
            rows = self.participants.amounts()
        return sum(s for s, _c in rows), sum(c for _s, c in rows)

    @property
    def has_errors(self) -> bool:
        return self.data is not None and not self.is_valid()

    # What the service takes -------------------------------------------------------------------

    def instance(self) -> Project:
        return self.form.save(commit=False)

    @property
    def expected_version(self) -> int | None:
        return None if self.is_new else self.form.cleaned_data.get("lock_version")

    def budget_lines(self) -> list[BudgetLineData]:
        lines = []
        for source, proposed in self.budget.amounts():
            existing = self.existing_lines.get(source)
            lines.append(
                BudgetLineData(
                    source=source,
                    proposed=proposed,
                    # Approval sets the approved amount; this form never changes it.
                    approved=existing.approved if existing else None,
                )
            )
        return lines

    def participations(self) -> list[ParticipationData]:
        return [
            ParticipationData(
                beneficiary=form.cleaned_data["beneficiary_object"],
                support_amount=form.cleaned_data["support_amount"],
                counterpart_amount=form.cleaned_data["counterpart_amount"],
            )
            for form in self.participants.live_forms()
        ]

    def output_rows(self) -> list[OutputData]:
        rows = []
        for form in self.outputs.live_forms():
            indicator = form.cleaned_data["indicator"]
            existing = self.existing_outputs.get(indicator.pk)
            rows.append(
                OutputData(
                    indicator=indicator,
                    planned=form.cleaned_data["planned"],
                    actual=existing.actual if existing else None,
                )
            )
        return rows

    def state(self) -> ProjectState:
        """The đề án as this valid form proposes it (an adjustment's proposed state: amounts
        proposed, none approved yet)."""
        return ProjectState.of(
            self.form.save(commit=False),
            budget=[BudgetLineData(line.source, line.proposed) for line in self.budget_lines()],
            participants=self.participations(),
            outputs=self.output_rows(),
        )
