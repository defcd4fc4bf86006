"""Forms of the implementation steps: they parse (dd/mm/yyyy dates, amounts in đồng, the
upload's type by content); the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy

from funding.models import AcceptanceResult, Disbursement
from khuyencong.fields import MoneyField
from khuyencong.forms import StyledFormMixin, bound_integers, style_widgets
from khuyencong.uploads import ATTACHMENT_KINDS, check_document
from projects.models import PUBLIC_SOURCES, Attachment


def _date(label):
    return forms.DateField(
        label=label,
        input_formats=["%d/%m/%Y"],
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": gettext_lazy("Give the date as dd/mm/yyyy.")},
    )


class UploadField(forms.FileField):
    """A document judged by its content (PDF, DOCX, XLSX, JPEG, PNG) and size (≤ 20 MB)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            check_document(upload, kinds=ATTACHMENT_KINDS)
        return upload


FILE_HELP = gettext_lazy("PDF, DOCX, XLSX, JPEG or PNG, at most 20 MB.")


class ContractForm(StyledFormMixin, forms.Form):
    number = forms.CharField(label=gettext_lazy("Contract number"), max_length=100)
    date = _date(gettext_lazy("Contract date"))
    party = forms.CharField(label=gettext_lazy("Other party"), max_length=255)
    value = MoneyField(label=gettext_lazy("Value (đồng)"))
    file = UploadField(label=gettext_lazy("Contract file"), required=False, help_text=FILE_HELP)


class DisbursementForm(StyledFormMixin, forms.Form):
    source = forms.ChoiceField(
        label=gettext_lazy("Source"), choices=[(s.value, s.label) for s in PUBLIC_SOURCES]
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Disbursement.Kind.choices)
    date = _date(gettext_lazy("Date"))
    amount = MoneyField(label=gettext_lazy("Amount (đồng)"))
    document_number = forms.CharField(label=gettext_lazy("Document number"), max_length=100)
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReversalForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the reversal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SettlementForm(StyledFormMixin, forms.Form):
    closed_on = _date(gettext_lazy("Close-out date"))
    amount = MoneyField(label=gettext_lazy("Settled amount (đồng)"))
    decision_number = forms.CharField(
        label=gettext_lazy("Settlement decision number"), max_length=100
    )
    decision_date = _date(gettext_lazy("Settlement decision date"))
    file = UploadField(
        label=gettext_lazy("Settlement decision file"), required=False, help_text=FILE_HELP
    )


class AttachmentForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of document"), choices=Attachment.Kind.choices
    )
    file = UploadField(label=gettext_lazy("File"), help_text=FILE_HELP)


class AcceptanceForm(StyledFormMixin, forms.Form):
    """The acceptance, with one actual figure per planned output (`output_<id>`) and, for a group
    đề án, the actual support and counterpart of each establishment (`support_<id>`,
    `counterpart_<id>`)."""

    date = _date(gettext_lazy("Acceptance date"))
    place = forms.CharField(label=gettext_lazy("Place"), max_length=255)
    council = forms.CharField(
        label=gettext_lazy("Council members (one per line)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    result = forms.ChoiceField(
        label=gettext_lazy("Result"), choices=AcceptanceResult.choices, widget=forms.RadioSelect
    )
    actual_total = MoneyField(label=gettext_lazy("Actual total cost (đồng)"))
    actual_kcqg = MoneyField(label=gettext_lazy("Actual KCQG (đồng)"), required=False)
    actual_kcdp = MoneyField(label=gettext_lazy("Actual KCĐP (đồng)"), required=False)
    actual_counterpart = MoneyField(label=gettext_lazy("Actual counterpart (đồng)"), required=False)
    actual_other = MoneyField(label=gettext_lazy("Actual other sources (đồng)"), required=False)
    remarks = forms.CharField(
        label=gettext_lazy("Remarks"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    redo = forms.CharField(
        label=gettext_lazy("What must be redone (if failed)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    minutes = UploadField(label=gettext_lazy("Minutes file"), required=False, help_text=FILE_HELP)
    override_reason = forms.CharField(
        label=gettext_lazy("Reason for saving despite the blockers"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, outputs, participations, **kwargs):
        super().__init__(*args, **kwargs)
        self.outputs = outputs
        self.participations = participations
        for output in outputs:
            self.fields[f"output_{output.pk}"] = forms.IntegerField(
                label=f"{output.indicator.name} ({output.indicator.unit})",
                min_value=0,
                max_value=10**9,
                required=False,
                initial=output.actual,
                help_text=gettext_lazy("Planned: %(planned)s") % {"planned": output.planned},
            )
        for part in participations:
            self.fields[f"support_{part.pk}"] = MoneyField(
                label=part.beneficiary.name, required=False, initial=part.support_amount
            )
            self.fields[f"counterpart_{part.pk}"] = MoneyField(
                label=part.beneficiary.name, required=False, initial=part.counterpart_amount
            )
        style_widgets(self)
        bound_integers(self)

    def output_fields(self):
        return [self[f"output_{o.pk}"] for o in self.outputs]

    def establishment_rows(self):
        return [
            (part, self[f"support_{part.pk}"], self[f"counterpart_{part.pk}"])
            for part in self.participations
        ]

    def service_input(self):
        from funding.services import AcceptanceInput

        data = self.cleaned_data
        return AcceptanceInput(
            date=data["date"],
            place=data["place"],
            council=data["council"],
            result=data["result"],
            actual_total=data["actual_total"],
            actual_kcqg=data.get("actual_kcqg") or 0,
            actual_kcdp=data.get("actual_kcdp") or 0,
            actual_counterpart=data.get("actual_counterpart") or 0,
            actual_other=data.get("actual_other") or 0,
            remarks=data.get("remarks", ""),
            redo=data.get("redo", ""),
            override_reason=data.get("override_reason", ""),
            outputs={o.pk: data.get(f"output_{o.pk}") for o in self.outputs},
            establishments={
                p.pk: (
                    data.get(f"support_{p.pk}") or 0,
                    data.get(f"counterpart_{p.pk}") or 0,
                )
                for p in self.participations
            },
            minutes=data.get("minutes"),
        )
