"""The đề án form: its own fields and three inline row sets (budget lines, beneficiaries,
outputs). The money rules that span them (programme source, group sums, support caps) live in
projects.rules and are enforced by projects.services.project_save; the form runs the same function
only to show its result next to the rows.

Rows are deleted only when their Delete box is ticked: each stored row travels with its id, and a
POST that leaves out a stored row, or names a row of another record, is refused whole.

Selects repeated in every row (indicators) and the long ones (communes) are built from objects
loaded once per page, so a form with fifty rows runs the same queries as one with five.
"""

import datetime
from collections import defaultdict

from django import forms
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beneficiaries.selectors import beneficiary_queryset_for_user
from khuyencong.fields import MoneyField, MonthField, ObjectChoiceField
from khuyencong.forms import StyledFormMixin
from khuyencong.models import Commune, Organisation
from khuyencong.scoping import membership_of
from khuyencong.text import normalize
from projects import rules
from projects.activities import ActivityRule
from projects.caps import Caps, caps_of_content
from projects.models import Activity, Content, Indicator, Project, Source
from projects.state import BudgetLineData, OutputData, ParticipationData, ProjectState, problems
from projects.totals import Totals

# A đề án of the year-Y plan runs within Y and may run on into the next year.
YEARS_AFTER_PLAN = 1


# --- The đề án itself ---------------------------------------------------------------------------


class ProjectForm(StyledFormMixin, forms.ModelForm):
    # Declared fields do not take the model's labels: __init__ copies them over.
    content = ObjectChoiceField()
    activity = ObjectChoiceField(required=False)
    implementing_organisation = ObjectChoiceField()
    commune = ObjectChoiceField(required=False)
    start_month = MonthField()
    end_month = MonthField()
    # The version the user's form was built from; see projects.services.project_save.
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = Project
        fields = [
            "title",
            "program",
            "content",
            "activity",
            "is_pilot",
            "implementing_organisation",
            "commune",
            "start_month",
            "end_month",
            "objectives",
            "scale",
        ]
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "scale": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self, *args, plan, contents, organisations, communes, activities, activity_rule, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.activity_rule = activity_rule
        for name in (
            "content",
            "activity",
            "implementing_organisation",
            "commune",
            "start_month",
            "end_month",
        ):
            self.fields[name].label = capfirst(Project._meta.get_field(name).verbose_name)
        self.fields["content"].set_objects(contents, content_choices(contents))
        self.fields["content"].widget.option_data = {
            str(c.pk): {"data-group": c.group_id} for c in contents
        }
        self._set_up_activity(activities, activity_rule)
        self.fields["implementing_organisation"].set_objects(organisations)
        self.fields["commune"].set_objects(communes)
        self.fields["lock_version"].required = self.instance.pk is not None
        if self.instance.pk is not None:
            self.initial.setdefault("lock_version", self.instance.lock_version)
        first = datetime.date(plan.year, 1, 1)
        last = datetime.date(plan.year + YEARS_AFTER_PLAN, 12, 1)
        self.month_range = (first, last)
        range_text = _("From %(first)s to %(last)s.") % {
            "first": first.strftime("%m/%Y"),
            "last": last.strftime("%m/%Y"),
        }
        for name in ("start_month", "end_month"):
            self.fields[name].help_text = range_text

    def _set_up_activity(self, activities, rule: ActivityRule) -> None:
        """All the lines as options, each naming the contents it belongs to and those it is the
        default of (static/js/project_form.js shows only the chosen content's lines and picks
        its default); the initial choice is the stored one, else the content's default."""
        field = self.fields["activity"]
        field.set_objects(activities, empty_label=_("— the content's default line —"))
        field.help_text = _(
            "The line of the funding report (form 2) this project is counted under, among its "
            "content's lines. Left empty: the content's default line."
        )
        contents_of, default_of = defaultdict(list), defaultdict(list)
        for content_id, ids in rule.allowed.items():
            for activity_id in ids:
                contents_of[activity_id].append(content_id)
        for content_id, activity_id in rule.defaults.items():
            default_of[activity_id].append(content_id)
        field.widget.option_data = {
            str(a.pk): {
                "data-contents": " ".join(map(str, sorted(contents_of[a.pk]))),
                "data-default-for": " ".join(map(str, sorted(default_of[a.pk]))),
            }
            for a in activities
        }
        field.widget.attrs["data-activity"] = ""
        if self.initial.get("activity") is None and self.instance.content_id is not None:
            self.initial["activity"] = rule.defaults.get(self.instance.content_id)

    def clean(self):
        cleaned = super().clean()
        content, activity = cleaned.get("content"), cleaned.get("activity")
        if (
            content is not None
            and activity is not None
            and not self.activity_rule.belongs(content.pk, activity.pk)
        ):
            self.add_error(
                "activity",
                forms.ValidationError(
                    _(
                        "The activity “%(activity)s” is not one of the content %(content)s's "
                        "lines: choose one of its lines, or leave it empty for its default."
                    ),
                    code="activity_of_other_content",
                    params={"activity": activity, "content": content.code},
                ),
            )
        first, last = self.month_range
        for name in ("start_month", "end_month"):
            month = cleaned.get(name)
            if month and not first <= month <= last:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("A project of the %(year)s plan runs between %(first)s and %(last)s."),
                        code="out_of_range",
                        params={
                            "year": self.plan.year,
                            "first": first.strftime("%m/%Y"),
                            "last": last.strftime("%m/%Y"),
                        },
                    ),
                )
        start, end = cleaned.get("start_month"), cleaned.get("end_month")
        if start and end and end < start:
            self.add_error(
                "end_month",
                forms.ValidationError(
                    _("The end month cannot be before the start month."), code="end_before_start"
                ),
            )
        return cleaned


def content_choices(contents: list[Content]) -> list:
    """Top-level contents as options; a group with sub-contents as an optgroup holding the group
    itself and its sub-contents."""
    children = defaultdict(list)
    present = {c.pk for c in contents}
    for c in contents:
        if c.parent_id in present:
            children[c.parent_id].append(c)
    choices = []
    for c in contents:
        if c.parent_id in present:
            continue
        if children[c.pk]:
            choices.append((str(c), [(c.pk, str(c))] + [(k.pk, str(k)) for k in children[c.pk]]))
        else:
            choices.append((c.pk, str(c)))
    return choices


# --- Row forms ----------------------------------------------------------------------------------


# Hard limits of the row sets: the page never offers more, and a POST claiming more rows is
# refused before any row is built (Django's absolute_max), however large the number it claims.
MAX_BUDGET_LINES = len(Source.choices)
MAX_PARTICIPANTS = 200
MAX_OUTPUTS = 50
# Ids are stored in 64-bit columns: a larger number is not an id.
MAX_ROW_ID = 2**63 - 1


class RowForm(StyledFormMixin, forms.Form):
    # The stored row this one shows (blank on a new row). Checked against the đề án's own rows:
    # see RowFormSet.check_rows.
    id = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=MAX_ROW_ID
    )


class RowFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": gettext_lazy("This list can hold at most %(num)d rows."),
        "missing_management_form": gettext_lazy(
            "The form arrived incomplete (its row counts are missing): nothing was saved. "
            "Reload the page and try again."
        ),
    }
    # Ids of the đề án's stored rows of this set (set by ProjectEditor); None skips the check
    # (an edit from an older version, refused as stale by the service).
    stored_ids: frozenset | None = frozenset()

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.stored_ids is not None and not self._non_form_errors:
            try:
                self.check_rows()
            except forms.ValidationError as error:
                self._non_form_errors = self.error_class(
                    error.error_list, error_class="nonform", renderer=self.renderer
                )

    def check_rows(self) -> None:
        """Every stored row is in the POST, kept or ticked for deletion, and no row names a
        row that is not one of this đề án's own."""
        if self.initial_form_count() != len(self.stored_ids):
            raise forms.ValidationError(self._incomplete_message(), code="missing_rows")
        posted = []
        for form in self.forms:
            # Read as sent: an unchanged extra row skips validation, yet may carry an id.
            raw = form.data.get(form.add_prefix("id"))
            if raw in (None, ""):
                continue
            try:
                posted.append(form.fields["id"].clean(raw))
            except forms.ValidationError:
                raise forms.ValidationError(self._foreign_message(), code="foreign_row") from None
        if any(row_id not in self.stored_ids for row_id in posted) or len(posted) != len(
            set(posted)
        ):
            raise forms.ValidationError(self._foreign_message(), code="foreign_row")
        if set(posted) != self.stored_ids:
            raise forms.ValidationError(self._incomplete_message(), code="missing_rows")

    @staticmethod
    def _incomplete_message() -> str:
        return _(
            "The form arrived without some of the saved rows: nothing was saved. Reload the "
            "page and try again; a row is deleted only when its Delete box is ticked."
        )

    @staticmethod
    def _foreign_message() -> str:
        return _(
            "A row of the form does not belong to this project: nothing was saved. Reload "
            "the page and try again."
        )

    def live_forms(self) -> list:
        """Rows that hold something and are not marked for deletion (valid or not)."""
        return [
            form
            for form in self.forms
            # An untouched extra row is skipped by validation and has empty cleaned_data.
            if form.is_bound
            and getattr(form, "cleaned_data", None)
            and not (self.can_delete and self._should_delete_form(form))
        ]


class BudgetLineForm(RowForm):
    source = forms.ChoiceField(
        label=gettext_lazy("source"), choices=[("", "---------"), *Source.choices]
    )
    proposed = MoneyField(label=gettext_lazy("proposed (đồng)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed"].widget.attrs["data-amount"] = "proposed"
        self.fields["proposed"].widget.attrs["class"] += " text-end"
        self.fields["source"].widget.attrs["data-source"] = "source"


class BaseBudgetLineFormSet(RowFormSet):
    def clean(self):
        seen = set()
        for form in self.live_forms():
            source = form.cleaned_data.get("source")
            if not source:
                continue
            if source in seen:
                form.add_error(
                    "source",
                    forms.ValidationError(
                        _("This source already has a line: give each source one line only."),
                        code="duplicate",
                    ),
                )
            seen.add(source)

    def amounts(self) -> list[tuple[str, int]]:
        """(source, proposed) of the rows that parsed, even when others did not: the totals are
        shown again on every POST."""
        return [
            (form.cleaned_data["source"], form.cleaned_data["proposed"])
            for form in self.live_forms()
            if form.cleaned_data.get("source") and form.cleaned_data.get("proposed") is not None
        ]


class ParticipationForm(RowForm):
    beneficiary = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    beneficiary_name = forms.CharField(
        label=gettext_lazy("beneficiary"),
        required=False,
        max_length=255,
        help_text=gettext_lazy("Type 2 letters of the name or the tax code, then pick."),
    )
    support_amount = MoneyField(label=gettext_lazy("support (đồng)"), required=False)
    counterpart_amount = MoneyField(label=gettext_lazy("counterpart (đồng)"), required=False)

    def __init__(self, *args, search_url="", **kwargs):
        super().__init__(*args, **kwargs)
        name = self.fields["beneficiary_name"].widget
        name.attrs.update(
            {"class": f"{name.attrs['class']} beneficiary-search", "autocomplete": "off"}
        )
        name.attrs["data-search-url"] = search_url
        name.attrs["data-no-results"] = _("No establishment of your province matches.")
        for name in ("support_amount", "counterpart_amount"):
            widget = self.fields[name].widget
            widget.attrs["data-amount"] = name.removesuffix("_amount")
            widget.attrs["class"] += " text-end"

    def clean(self):
        cleaned = super().clean()
        for name in ("support_amount", "counterpart_amount"):
            if name in cleaned and cleaned[name] is None:
                cleaned[name] = 0
        picked = cleaned.get("beneficiary") or (cleaned.get("beneficiary_name") or "").strip()
        if not picked and "beneficiary_name" not in self.errors:
            self.add_error(
                "beneficiary_name",
                forms.ValidationError(
                    _("Pick an establishment, or tick Delete to remove this row."),
                    code="required",
                ),
            )
        return cleaned


class BaseParticipationFormSet(RowFormSet):
    user = None

    def clean(self):
        """Find every row's establishment among those the user may see, in one query: by the id
        the search widget filled in, or (without JavaScript) by the exact tax code or name."""
        rows = [
            form
            for form in self.live_forms()
            if "beneficiary" in form.cleaned_data and "beneficiary_name" not in form.errors
        ]
        ids, typed = set(), set()
        for form in rows:
            if form.cleaned_data["beneficiary"]:
                ids.add(form.cleaned_data["beneficiary"])
            elif form.cleaned_data.get("beneficiary_name", "").strip():
                typed.add(form.cleaned_data["beneficiary_name"].strip())
        found = []
        if ids or typed:
            found = list(
                beneficiary_queryset_for_user(self.user)
                .filter(
                    Q(pk__in=ids)
                    | Q(tax_code__in=typed)
                    | Q(name_key__in={normalize(text) for text in typed})
                )
                .only("pk", "name", "tax_code", "name_key")
            )
        by_id = {b.pk: b for b in found}
        by_tax_code = {b.tax_code: b for b in found if b.tax_code}
        by_name = defaultdict(list)
        for b in found:
            by_name[b.name_key].append(b)
        seen = set()
        for form in rows:
            chosen_id = form.cleaned_data["beneficiary"]
            text = form.cleaned_data.get("beneficiary_name", "").strip()
            if chosen_id:
                beneficiary = by_id.get(chosen_id)
                if beneficiary is None:
                    form.add_error(
                        "beneficiary_name",
                        forms.ValidationError(
                            _("This establishment does not exist or is not in your province."),
                            code="not_visible",
                        ),
                    )
                    continue
            else:
                named = by_name.get(normalize(text), [])
                beneficiary = by_tax_code.get(text) or (named[0] if len(named) == 1 else None)
                if beneficiary is None:
                    message = (
                        _("Several establishments have this name: pick one from the list.")
                        if named
                        else _("No establishment of your province has this name or tax code.")
                    )
                    form.add_error(
                        "beneficiary_name", forms.ValidationError(message, code="not_found")
                    )
                    continue
            if beneficiary.pk in seen:
                form.add_error(
                    "beneficiary_name",
                    forms.ValidationError(
                        _("This establishment is already in the list."), code="duplicate"
                    ),
                )
                continue
            seen.add(beneficiary.pk)
            form.cleaned_data["beneficiary_object"] = beneficiary

    def amounts(self) -> list[tuple[int, int]]:
        return [
            (
                form.cleaned_data.get("support_amount") or 0,
                form.cleaned_data.get("counterpart_amount") or 0,
            )
            for form in self.live_forms()
        ]


class OutputForm(RowForm):
    indicator = ObjectChoiceField(label=gettext_lazy("indicator"))
    # A text box, not type=number: a mouse wheel over it must not change the figure.
    planned = forms.IntegerField(
        label=gettext_lazy("planned"),
        min_value=1,
        max_value=10**9,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "text-end"}),
    )

    def __init__(self, *args, indicators=(), indicator_data=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].set_objects(indicators)
        self.fields["indicator"].widget.option_data = indicator_data or {}
        self.fields["indicator"].widget.attrs["data-indicator"] = "indicator"


class BaseOutputFormSet(RowFormSet):
    content: Content | None = None

    def clean(self):
        seen = set()
        allowed = {self.content.pk, self.content.parent_id} if self.content else None
        for form in self.live_forms():
            indicator = form.cleaned_data.get("indicator")
            if indicator is None:
                continue
            if allowed is not None and not allowed & {c.pk for c in indicator.contents.all()}:
                form.add_error(
                    "indicator",
                    forms.ValidationError(
                        _("This indicator does not measure the content %(content)s."),
                        code="wrong_content",
                        params={"content": self.content.code},
                    ),
                )
            elif indicator.pk in seen:
                form.add_error(
                    "indicator",
                    forms.ValidationError(
                        _("This indicator is already in the list."), code="duplicate"
                    ),
                )
            seen.add(indicator.pk)


def _row_formset(form, formset, limit: int):
    return forms.formset_factory(
        form,
        formset=formset,
        extra=1,
        can_delete=True,
        max_num=limit,
        absolute_max=limit,
        validate_max=True,
    )


BudgetLineFormSet = _row_formset(BudgetLineForm, BaseBudgetLineFormSet, MAX_BUDGET_LINES)
ParticipationFormSet = _row_formset(ParticipationForm, BaseParticipationFormSet, MAX_PARTICIPANTS)
OutputFormSet = _row_formset(OutputForm, BaseOutputFormSet, MAX_OUTPUTS)


# --- The whole page -----------------------------------------------------------------------------


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
