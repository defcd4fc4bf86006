"""factory_boy factories shared by every app's tests."""

import factory
from django.contrib.auth import get_user_model

from khuyencong.models import Membership, Organisation, Province, Role


def current_province(code: str) -> Province:
    return Province.objects.get(era=Province.Era.Y2025, code=code)


def legacy_province(code: str) -> Province:
    return Province.objects.get(era=Province.Era.LEGACY, code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    first_name = "Nguyễn Văn"
    last_name = "A"
    password = factory.PostGenerationMethodCall("set_password", "test-password-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.CENTRE
    name = factory.LazyAttribute(lambda o: f"Trung tâm Khuyến công {o.province.name}")
    province = factory.LazyFunction(lambda: current_province("92"))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CENTER_STAFF


# --- Beneficiaries, plans and đề án -------------------------------------------------------------

from beneficiaries.models import Beneficiary, BeneficiaryKind  # noqa: E402
from khuyencong.models import Commune  # noqa: E402
from projects.models import (  # noqa: E402  # noqa: E402
    TOTAL_FIELDS,
    BudgetLine,
    Content,
    Indicator,
    Participation,
    Plan,
    Program,
    Project,
    ProjectOutput,
    Source,
)
from projects.totals import refresh_project_totals  # noqa: E402


def content(code: str) -> Content:
    return Content.objects.get(code=code)


def commune_of(province: Province, kind: str = Commune.Kind.COMMUNE) -> Commune:
    return Commune.objects.filter(province=province, kind=kind).order_by("code").first()


class BeneficiaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Beneficiary

    name = factory.Sequence(lambda n: f"Cơ sở chế biến số {n}")
    kind = BeneficiaryKind.HOUSEHOLD
    tax_code = None
    representative = "Nguyễn Văn B"
    province = factory.LazyFunction(lambda: current_province("92"))
    commune = factory.LazyAttribute(
        lambda b: commune_of(b.province) if b.province.era == "2025" else None
    )


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ["province", "year"]

    province = factory.LazyFunction(lambda: current_province("92"))
    year = 2026


class ProjectFactory(factory.django.DjangoModelFactory):
    """A đề án with a generated code; budget lines etc. are added by the helpers below."""

    class Meta:
        model = Project

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Hỗ trợ ứng dụng máy móc thiết bị số {n}")
    program = Program.KCDP
    content = factory.LazyFunction(lambda: content("3.2"))
    implementing_organisation = factory.SubFactory(
        OrganisationFactory, province=factory.SelfAttribute("..plan.province")
    )
    sequence = factory.LazyAttribute(
        lambda p: (
            (
                Project.objects.filter(plan=p.plan, program=p.program)
                .order_by("-sequence")
                .values_list("sequence", flat=True)
                .first()
                or 0
            )
            + 1
        )
    )
    code = factory.LazyAttribute(
        lambda p: f"{p.program.upper()}-{p.plan.year}-{p.plan.province.code}-{p.sequence:03d}"
    )


def add_budget(project: Project, **amounts: int) -> list[BudgetLine]:
    """add_budget(p, kcdp=100, counterpart=200): one budget line per source given (proposed)."""
    sources = {
        "kcqg": Source.KCQG,
        "kcdp": Source.KCDP,
        "counterpart": Source.COUNTERPART,
        "other": Source.OTHER,
    }
    lines = [
        BudgetLine.objects.create(project=project, source=sources[name], proposed=amount)
        for name, amount in amounts.items()
    ]
    # As every service does in the same transaction: the đề án stores its money.
    refresh_project_totals([project.pk])
    project.refresh_from_db(fields=TOTAL_FIELDS)
    return lines


def add_participant(project: Project, beneficiary=None, support=0, counterpart=0) -> Participation:
    beneficiary = beneficiary or BeneficiaryFactory(province=project.plan.province)
    return Participation.objects.create(
        project=project,
        beneficiary=beneficiary,
        support_amount=support,
        counterpart_amount=counterpart,
    )


def add_output(project: Project, indicator=None, planned=1, actual=None) -> ProjectOutput:
    indicator = indicator or project.content.indicators.first() or Indicator.objects.first()
    return ProjectOutput.objects.create(
        project=project, indicator=indicator, planned=planned, actual=actual
    )


# --- Beneficiary forms ----------------------------------------------------------------------------


def valid_tax_code(first9: str) -> str:
    """A 10-digit tax code with the right check digit (first9 must not give the ambiguous 10)."""
    from beneficiaries.taxcode import check_digit

    digit = check_digit(first9)
    assert digit < 10, "this prefix gives the ambiguous check digit 10"
    return first9 + str(digit)


def beneficiary_form_data(province: Province, commune=None, /, **overrides) -> dict:
    """POST data of the beneficiary form, valid as it stands."""
    data = {
        "name": "Cơ sở mây tre đan Hòa Bình",
        "kind": BeneficiaryKind.HOUSEHOLD,
        "tax_code": "",
        "representative": "Trần Thị C",
        "phone": "0292 3 820 000",
        "email": "",
        "province": province.pk,
        "commune": commune.pk if commune else "",
        "street_address": "",
        "old_address": "",
        "product_group": "",
        "products": "",
        "employees": "12",
        "revenue": "1.500.000.000",
        "craft_village": "",
        "ocop_stars": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- The đề án form (projects/new/, projects/<pk>/edit/) ---------------------------------------


def project_form_data(
    *,
    fields: dict,
    budget: list[dict] = (),
    participants: list[dict] = (),
    outputs: list[dict] = (),
    initial: dict | None = None,
    extra_rows: int = 0,
) -> dict:
    """POST data for the đề án form: its fields, then each row set as a Django formset (prefixes
    budget, participants, outputs). `initial` gives INITIAL_FORMS per prefix (rows shown from the
    database on an edit); `extra_rows` adds untouched empty rows, as the page sends them."""
    data = dict(fields)
    initial = initial or {}
    for prefix, rows in (("budget", budget), ("participants", participants), ("outputs", outputs)):
        rows = list(rows) + [{}] * extra_rows
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(initial.get(prefix, 0))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for index, row in enumerate(rows):
            for name, value in row.items():
                data[f"{prefix}-{index}-{name}"] = value
    return data
