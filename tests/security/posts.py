"""Valid POST data of the portal's forms, for the tests that then spoil one value at a time."""

from projects.models import Indicator, Program, Source
from tests.factories import commune_of, content, project_form_data


def project_post(side, first, second, **field_overrides) -> dict:
    """A KCQG group đề án (3.2) with two establishments within the caps: valid as it stands."""
    fields = {
        "title": "Hỗ trợ máy móc chế biến thực phẩm cho các cơ sở CNNT",
        "program": Program.KCQG,
        "content": content("3.2").pk,
        "implementing_organisation": side.centre.pk,
        "commune": commune_of(side.province).pk,
        "start_month": "03/2026",
        "end_month": "11/2026",
        "objectives": "Nâng cao năng suất",
        "scale": "2 cơ sở",
        **field_overrides,
    }
    return project_form_data(
        fields=fields,
        budget=[
            {"source": Source.KCQG, "proposed": "600.000.000"},
            {"source": Source.COUNTERPART, "proposed": "1.114.900.000"},
        ],
        participants=[
            {
                "beneficiary": first.pk,
                "beneficiary_name": first.name,
                "support_amount": "300.000.000",
                "counterpart_amount": "514.900.000",
            },
            {
                "beneficiary": second.pk,
                "beneficiary_name": second.name,
                "support_amount": "300.000.000",
                "counterpart_amount": "600.000.000",
            },
        ],
        outputs=[
            {
                "indicator": Indicator.objects.get(name__startswith="Cơ sở được hỗ trợ máy móc").pk,
                "planned": "2",
            }
        ],
    )
