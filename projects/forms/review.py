"""Forms of the review: decisions, comments and reasons, approved amounts, and the đề án form
reused for an adjustment's proposed state."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beneficiaries.models import Beneficiary
from khuyencong.fields import MoneyField
from khuyencong.formatting import format_dong
from khuyencong.forms import StyledFormMixin
from khuyencong.uploads import check_document
from projects.forms.editor import ProjectEditor
from projects.state import ProjectState


class DecisionForm(StyledFormMixin, forms.Form):
    decision_number = forms.CharField(label=gettext_lazy("Decision number"), max_length=100)
    decision_date = forms.DateField(
        label=gettext_lazy("Decision date"),
        input_formats=["%d/%m/%Y"],
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": gettext_lazy("Give the date as dd/mm/yyyy.")},
    )
    decision_file = forms.FileField(
        label=gettext_lazy("Decision file (PDF, DOCX, JPEG or PNG, at most 20 MB)"),
        required=False,
    )

    def clean_decision_file(self):
        upload = self.cleaned_data.get("decision_file")
        if upload:
            check_document(upload)
        return upload

    def clean_decision_date(self):
        day = self.cleaned_data["decision_date"]
        if day > datetime.date.today():
            raise ValidationError(_("The decision date cannot be in the future."))
        return day


class CommentForm(StyledFormMixin, forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class ApprovedAmountsForm(StyledFormMixin, forms.Form):
    """One amount per budget line of the đề án (`approved_<source>`), the proposed one first."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"approved_{line.source}"] = MoneyField(
                label=line.get_source_display(),
                initial=line.amount,
                help_text=_("Proposed: %(amount)s") % {"amount": format_dong(line.proposed)},
            )
        from khuyencong.forms import style_widgets

        style_widgets(self)

    def amounts(self) -> dict[str, int]:
        return {line.source: self.cleaned_data[f"approved_{line.source}"] for line in self.lines}


class MinistryDecisionForm(DecisionForm):
    """The ministry's decision with the approved amounts of the KCQG đề án."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("decision_file")
        self.amounts_form = ApprovedAmountsForm(*args, lines=lines, **kwargs)
        self.fields.update(self.amounts_form.fields)
        self.lines = lines

    def amounts(self) -> dict[str, int]:
        return {line.source: self.cleaned_data[f"approved_{line.source}"] for line in self.lines}


class AdjustmentEditor(ProjectEditor):
    """The đề án form for an adjustment's proposed state: it starts from the state already
    proposed (else the đề án as approved); rows carry ids local to that state."""

    def __init__(self, *, proposal: ProjectState | None = None, **kwargs):
        self.proposal = proposal
        super().__init__(**kwargs)
        if proposal:
            initial = dict(proposal.fields)
            for name in ("start_month", "end_month"):
                if initial.get(name):
                    initial[name] = datetime.date.fromisoformat(initial[name])
            self.form.initial.update(initial)
        # The rows are the proposal's, not stored rows: ids 1..n stand for them.
        self.form.fields["lock_version"].required = False

    def _initial_rows(self):
        if not self.proposal:
            budget, participants, outputs = super()._initial_rows()
            # The ids of stored rows mean nothing in a proposal: number them like proposed rows.
            for rows in (budget, participants, outputs):
                for index, row in enumerate(rows, start=1):
                    row["id"] = index
            self.stored_ids = {
                "budget": list(range(1, len(budget) + 1)),
                "participants": list(range(1, len(participants) + 1)),
                "outputs": list(range(1, len(outputs) + 1)),
            }
            return budget, participants, outputs
        self.existing_lines, self.existing_outputs = {}, {}
        proposal = self.proposal
        names = dict(
            Beneficiary.objects.filter(
                pk__in=[p.beneficiary_id for p in proposal.participants]
            ).values_list("pk", "name")
        )
        budget = [
            {"id": i, "source": r.source, "proposed": r.proposed}
            for i, r in enumerate(proposal.budget, start=1)
        ]
        participants = [
            {
                "id": i,
                "beneficiary": p.beneficiary_id,
                "beneficiary_name": names.get(p.beneficiary_id, ""),
                "support_amount": p.support_amount,
                "counterpart_amount": p.counterpart_amount,
            }
            for i, p in enumerate(proposal.participants, start=1)
        ]
        outputs = [
            {"id": i, "indicator": o.indicator_id, "planned": o.planned}
            for i, o in enumerate(proposal.outputs, start=1)
        ]
        self.stored_ids = {
            "budget": [r["id"] for r in budget],
            "participants": [r["id"] for r in participants],
            "outputs": [r["id"] for r in outputs],
        }
        return budget, participants, outputs

    def _validate(self) -> bool:
        # The proposal is not the stored đề án: no lock_version to compare with.
        if not self.is_new:
            self.form.data = self.form.data.copy()
            self.form.data["lock_version"] = str(self.project.lock_version)
        return super()._validate()
