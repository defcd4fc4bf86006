"""The đề án form's URLs and typical fields: helpers shared by the form's tests."""

from django.urls import reverse

from funding.models import BudgetLine
from projects.models import Participation, Program, Project
from tests.factories import commune_of, content


def create_url(plan):
    return f"{reverse('projects:create')}?plan={plan.pk}"


def edit_url(project):
    return reverse("projects:edit", args=[project.pk])


def project_fields(side, **overrides) -> dict:
    """The fields of a KCQG machinery đề án (3.2) of `side`'s centre, with `overrides`."""
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
    }
    fields.update(overrides)
    return fields


def saved_counts():
    """Đề án, budget lines and participations stored: unchanged after a refused save."""
    return (Project.objects.count(), BudgetLine.objects.count(), Participation.objects.count())
