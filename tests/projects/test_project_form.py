"""The đề án create / edit form: what it saves and what it refuses (who may open it:
test_project_form_access.py)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from funding.models import Source
from khuyencong.fields import MoneyField
from projects.forms import BudgetLineForm
from projects.models import Indicator, Participation, PlanStatus, Program, Project
from tests.factories import (
    BeneficiaryFactory,
    OrganisationFactory,
    PlanFactory,
    ProjectFactory,
    add_budget,
    add_participant,
    commune_of,
    content,
    project_form_data,
)
from tests.projects.form_data import create_url, edit_url, project_fields, saved_counts

pytestmark = pytest.mark.django_db


def _indicator(name_start: str) -> Indicator:
    return Indicator.objects.get(name__startswith=name_start)


def _group_project_data(side, first, second, **field_overrides) -> dict:
    """A KCQG group đề án (machinery, 3.2): KCQG 600 triệu + counterpart 1.114,9 triệu, split
    between two establishments, each within the 50 % / 300 triệu cap."""
    return project_form_data(
        fields=project_fields(side, **field_overrides),
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
                "support_amount": "300 000 000",
                "counterpart_amount": "600000000",
            },
        ],
        outputs=[
            {"indicator": _indicator("Cơ sở được hỗ trợ máy móc").pk, "planned": "2"},
            {"indicator": _indicator("Máy móc, thiết bị được hỗ trợ").pk, "planned": "4"},
        ],
        extra_rows=1,
    )


def _row_error_codes(response, formset: str) -> list[dict]:
    return [
        {name: [e.code for e in errors] for name, errors in form.errors.as_data().items()}
        for form in getattr(response.context["editor"], formset).forms
    ]


@pytest.fixture
def plan(world):
    return PlanFactory(province=world.cantho.province, year=2026)


@pytest.fixture
def staff(client, world):
    client.force_login(world.cantho.center_staff)
    return client


# --- Create and edit -----------------------------------------------------------------------------


def test_create_saves_the_project_with_budget_lines_beneficiaries_and_outputs(staff, world, plan):
    first, second = BeneficiaryFactory.create_batch(2, province=world.cantho.province)

    response = staff.post(create_url(plan), _group_project_data(world.cantho, first, second))

    project = Project.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("projects:detail", args=[project.pk])
    assert project.code == "KCQG-2026-92-001"
    assert project.plan == plan
    assert project.implementing_organisation == world.cantho.centre
    assert (project.start_month.month, project.end_month.month) == (3, 11)
    assert {line.source: line.proposed for line in project.budget_lines.all()} == {
        Source.KCQG: 600_000_000,
        Source.COUNTERPART: 1_114_900_000,
    }
    assert {
        (p.beneficiary_id, p.support_amount, p.counterpart_amount)
        for p in project.participations.all()
    } == {(first.pk, 300_000_000, 514_900_000), (second.pk, 300_000_000, 600_000_000)}
    assert sorted(project.outputs.values_list("planned", flat=True)) == [2, 4]
    assert project.history.first().history_user == world.cantho.center_staff
    saved = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("KCQG-2026-92-001" in m for m in saved)


def test_edit_changes_amounts_and_deletes_a_row(staff, world, plan):
    first, second = BeneficiaryFactory.create_batch(2, province=world.cantho.province)
    staff.post(create_url(plan), _group_project_data(world.cantho, first, second))
    project = Project.objects.get()
    form = staff.get(edit_url(project)).context["editor"]
    assert form.form["lock_version"].value() == 0

    line = dict(project.budget_lines.values_list("source", "pk"))
    taking_part = dict(project.participations.values_list("beneficiary_id", "pk"))
    output = dict(project.outputs.values_list("planned", "pk"))
    data = project_form_data(
        fields=project_fields(world.cantho, lock_version="0", title="Tên mới"),
        budget=[
            {"id": line[Source.KCQG], "source": Source.KCQG, "proposed": "300.000.000"},
            {
                "id": line[Source.COUNTERPART],
                "source": Source.COUNTERPART,
                "proposed": "300.000.000",
            },
        ],
        participants=[
            {
                "id": taking_part[first.pk],
                "beneficiary": first.pk,
                "beneficiary_name": first.name,
                "support_amount": "300.000.000",
                "counterpart_amount": "514.900.000",
                "DELETE": "on",
            },
            {
                "id": taking_part[second.pk],
                "beneficiary": second.pk,
                "beneficiary_name": second.name,
                "support_amount": "300.000.000",
                "counterpart_amount": "300.000.000",
            },
        ],
        outputs=[
            {
                "id": output[2],
                "indicator": _indicator("Cơ sở được hỗ trợ máy móc").pk,
                "planned": "1",
            },
            {
                "id": output[4],
                "indicator": _indicator("Máy móc, thiết bị được hỗ trợ").pk,
                "planned": "4",
                "DELETE": "on",
            },
        ],
        initial={"budget": 2, "participants": 2, "outputs": 2},
    )
    response = staff.post(edit_url(project), data)

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Tên mới"
    assert project.code == "KCQG-2026-92-001"
    assert project.lock_version == 1
    assert dict(project.budget_lines.values_list("source", "proposed")) == {
        Source.KCQG: 300_000_000,
        Source.COUNTERPART: 300_000_000,
    }
    assert list(project.participations.values_list("beneficiary_id", flat=True)) == [second.pk]
    assert list(project.outputs.values_list("planned", flat=True)) == [1]


def test_edit_page_shows_the_saved_rows_with_names_and_grouped_amounts(staff, world, plan):
    project = ProjectFactory(plan=plan, program=Program.KCDP)
    add_budget(project, kcdp=869_900_000, counterpart=1_091_700_000)
    beneficiary = BeneficiaryFactory(name="Cơ sở bánh pía Tân Huê Viên")
    add_participant(project, beneficiary, support=869_900_000, counterpart=1_091_700_000)

    html = staff.get(edit_url(project)).content.decode()

    assert 'value="Cơ sở bánh pía Tân Huê Viên"' in html
    assert 'value="869.900.000"' in html
    assert "1.961.600.000 đ" in html  # total cost
    assert "1,25" in html  # leverage 1.091,7 / 869,9


def test_codes_are_sequential_per_plan_and_programme(staff, world, plan):
    def create(program):
        data = project_form_data(
            fields=project_fields(world.cantho, program=program),
            budget=[{"source": program, "proposed": "100.000.000"}],
        )
        assert staff.post(create_url(plan), data).status_code == 302

    create(Program.KCDP)
    create(Program.KCDP)
    create(Program.KCQG)

    assert list(Project.objects.order_by("pk").values_list("code", flat=True)) == [
        "KCDP-2026-92-001",
        "KCDP-2026-92-002",
        "KCQG-2026-92-001",
    ]


def test_legacy_plan_offers_the_successors_communes_and_saves(staff, world):
    plan = PlanFactory(province=world.soctrang, year=2023, status=PlanStatus.DRAFT)
    cantho_commune = commune_of(world.cantho.province)

    page = staff.get(create_url(plan))
    communes = page.context["form"].fields["commune"].objects
    data = project_form_data(
        fields=project_fields(
            world.cantho, commune=cantho_commune.pk, start_month="02/2023", end_month="12/2023"
        ),
        budget=[{"source": Source.KCQG, "proposed": "100.000.000"}],
    )
    response = staff.post(create_url(plan), data)

    assert page.status_code == 200
    assert str(cantho_commune.pk) in communes
    assert response.status_code == 302
    assert Project.objects.get().code == "KCQG-2023-94-001"


def test_implementing_organisation_defaults_to_the_users_centre(staff, world, plan):
    OrganisationFactory(province=world.phutho.province, name="Trung tâm của tỉnh khác")

    form = staff.get(create_url(plan)).context["form"]

    assert form["implementing_organisation"].value() == world.cantho.centre.pk
    names = [o.name for o in form.fields["implementing_organisation"].objects.values()]
    assert world.cantho.department.name in names
    assert "Trung tâm của tỉnh khác" not in names


def test_content_select_groups_sub_contents_and_indicators_carry_their_contents(staff, plan):
    html = staff.get(create_url(plan)).content.decode()

    assert '<optgroup label="3. Mô hình trình diễn' in html
    indicator = _indicator("Cơ sở được hỗ trợ máy móc")
    ids = " ".join(str(c.pk) for c in indicator.contents.all())
    assert f'data-contents="{ids}"' in html
    assert f'data-group="{content("3").pk}"' in html


# --- Money, months and rows ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("1.234.567", 1_234_567), ("1234567", 1_234_567), ("1 234 567", 1_234_567)],
)
def test_money_is_typed_the_vietnamese_way(typed, amount):
    form = BudgetLineForm({"source": Source.KCQG, "proposed": typed})
    assert form.is_valid()
    assert form.cleaned_data["proposed"] == amount


@pytest.mark.parametrize(
    ("typed", "code"), [("1,5", "decimal"), ("-5", "negative"), ("abc", "invalid")]
)
def test_money_refuses_decimals_signs_and_words(typed, code):
    form = BudgetLineForm({"source": Source.KCQG, "proposed": typed})
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["proposed"]] == [code]
    assert form.errors["proposed"] == [MoneyField.default_error_messages[code]]


def test_a_bad_amount_is_shown_next_to_its_row_with_what_was_typed(staff, world, plan):
    data = project_form_data(
        fields=project_fields(world.cantho),
        budget=[
            {"source": Source.KCQG, "proposed": "1,5"},
            {"source": Source.COUNTERPART, "proposed": "2.000.000"},
        ],
    )

    response = staff.post(create_url(plan), data)

    assert response.status_code == 400
    assert _row_error_codes(response, "budget")[0] == {"proposed": ["decimal"]}
    html = response.content.decode()
    assert 'value="1,5"' in html
    assert 'data-field-error="budget-0-proposed"' in html
    # the rows that parsed are still totalled
    assert response.context["editor"].totals.counterpart == 2_000_000
    assert Project.objects.count() == 0


@pytest.mark.parametrize(
    ("start", "end", "field", "code"),
    [
        ("13/2026", "12/2026", "start_month", "invalid"),
        ("2026-03", "12/2026", "start_month", "invalid"),
        ("06/2026", "03/2026", "end_month", "end_before_start"),
        ("12/2025", "03/2026", "start_month", "out_of_range"),
        ("03/2026", "01/2028", "end_month", "out_of_range"),
    ],
)
def test_months_are_mm_yyyy_in_order_and_near_the_plan_year(
    staff, world, plan, start, end, field, code
):
    data = project_form_data(
        fields=project_fields(world.cantho, start_month=start, end_month=end),
        budget=[{"source": Source.KCQG, "proposed": "100.000.000"}],
    )

    response = staff.post(create_url(plan), data)

    assert response.status_code == 400
    errors = response.context["form"].errors.as_data()
    assert [e.code for e in errors[field]] == [code]
    assert f'value="{start}"' in response.content.decode()


def test_a_project_may_end_in_the_year_after_its_plan(staff, world, plan):
    data = project_form_data(
        fields=project_fields(world.cantho, start_month="10/2026", end_month="12/2027"),
        budget=[{"source": Source.KCQG, "proposed": "100.000.000"}],
    )
    assert staff.post(create_url(plan), data).status_code == 302


def test_a_source_may_have_one_line_only(staff, world, plan):
    data = project_form_data(
        fields=project_fields(world.cantho),
        budget=[
            {"source": Source.KCQG, "proposed": "100.000.000"},
            {"source": Source.KCQG, "proposed": "200.000.000"},
        ],
    )

    response = staff.post(create_url(plan), data)

    assert response.status_code == 400
    assert _row_error_codes(response, "budget")[1] == {"source": ["duplicate"]}


@pytest.mark.parametrize(
    ("program", "budget"),
    [
        (Program.KCQG, [{"source": Source.KCDP, "proposed": "100.000.000"}]),
        (Program.KCQG, [{"source": Source.KCQG, "proposed": "0"}]),
        (Program.KCDP, [{"source": Source.COUNTERPART, "proposed": "100.000.000"}]),
        (Program.KCDP, []),
    ],
)
def test_the_projects_own_programme_source_is_required(staff, world, plan, program, budget):
    data = project_form_data(fields=project_fields(world.cantho, program=program), budget=budget)

    response = staff.post(create_url(plan), data)

    assert response.status_code == 400
    errors = response.context["editor"].budget.non_form_errors().as_data()
    assert [e.code for e in errors] == ["programme_source"]
    assert Project.objects.count() == 0


def test_an_indicator_must_measure_the_content_or_its_group(staff, world, plan):
    data = project_form_data(
        fields=project_fields(world.cantho),
        budget=[{"source": Source.KCQG, "proposed": "100.000.000"}],
        outputs=[
            {"indicator": _indicator("Ấn phẩm, tin bài").pk, "planned": "3"},
            # linked to the group 3 and to 3.1, not to 3.2 itself
            {"indicator": _indicator("Mô hình trình diễn kỹ thuật").pk, "planned": "1"},
            {"indicator": _indicator("Máy móc, thiết bị").pk, "planned": "0"},
        ],
    )

    response = staff.post(create_url(plan), data)

    assert response.status_code == 400
    assert _row_error_codes(response, "outputs") == [
        {"indicator": ["wrong_content"]},
        {},
        {"planned": ["min_value"]},
    ]


def test_the_same_establishment_may_appear_once(staff, world, plan):
    beneficiary = BeneficiaryFactory()
    row = {"beneficiary": beneficiary.pk, "beneficiary_name": beneficiary.name}
    data = project_form_data(
        fields=project_fields(world.cantho),
        budget=[{"source": Source.KCQG, "proposed": "100.000.000"}],
        participants=[row, row],
    )

    response = staff.post(create_url(plan), data)

    assert response.status_code == 400
    assert _row_error_codes(response, "participants") == [{}, {"beneficiary_name": ["duplicate"]}]


def test_another_provinces_establishment_posted_by_hand_is_refused(staff, world, plan):
    ours = BeneficiaryFactory(province=world.cantho.province)
    theirs = BeneficiaryFactory(province=world.phutho.province, name="Cơ sở gỗ Phú Thọ")
    data = project_form_data(
        fields=project_fields(world.cantho),
        budget=[{"source": Source.KCQG, "proposed": "100.000.000"}],
        participants=[
            {"beneficiary": ours.pk, "beneficiary_name": ours.name},
            {"beneficiary": theirs.pk, "beneficiary_name": "Cơ sở gỗ Phú Thọ"},
        ],
    )
    before = saved_counts()

    response = staff.post(create_url(plan), data)

    assert response.status_code == 400
    assert _row_error_codes(response, "participants")[1] == {"beneficiary_name": ["not_visible"]}
    assert saved_counts() == before
    assert 'value="Cơ sở gỗ Phú Thọ"' in response.content.decode()


def test_the_merged_old_provinces_establishments_may_take_part(staff, world, plan):
    old = BeneficiaryFactory(province=world.soctrang)
    data = project_form_data(
        fields=project_fields(world.cantho),
        budget=[{"source": Source.KCQG, "proposed": "100.000.000"}],
        participants=[{"beneficiary": old.pk, "beneficiary_name": old.name}],
    )
    assert staff.post(create_url(plan), data).status_code == 302
    assert Participation.objects.get().beneficiary == old


def test_without_javascript_an_establishment_is_found_by_tax_code_or_exact_name(staff, world, plan):
    by_code = BeneficiaryFactory(tax_code="0100109106")
    by_name = BeneficiaryFactory(name="Hợp tác xã Mắm Thái Châu Đốc")
    data = project_form_data(
        fields=project_fields(world.cantho),
        budget=[{"source": Source.KCQG, "proposed": "100.000.000"}],
        participants=[
            {"beneficiary_name": "0100109106"},
            {"beneficiary_name": "hop tac xa mam thai chau doc"},
        ],
        extra_rows=2,
    )

    response = staff.post(create_url(plan), data)

    assert response.status_code == 302
    assert set(Participation.objects.values_list("beneficiary_id", flat=True)) == {
        by_code.pk,
        by_name.pk,
    }


def test_an_unknown_or_ambiguous_name_asks_to_pick_from_the_list(staff, world, plan):
    BeneficiaryFactory.create_batch(2, name="Cơ sở Bánh Tráng")
    data = project_form_data(
        fields=project_fields(world.cantho),
        budget=[{"source": Source.KCQG, "proposed": "100.000.000"}],
        participants=[
            {"beneficiary_name": "Cơ sở Bánh Tráng"},
            {"beneficiary_name": "Không có ai"},
            {"support_amount": "5.000.000"},
        ],
    )

    response = staff.post(create_url(plan), data)

    assert response.status_code == 400
    assert _row_error_codes(response, "participants") == [
        {"beneficiary_name": ["not_found"]},
        {"beneficiary_name": ["not_found"]},
        {"beneficiary_name": ["required"]},
    ]


def test_group_sums_must_equal_the_budget_lines_and_the_gap_is_given_in_dong(staff, world, plan):
    first, second = BeneficiaryFactory.create_batch(2)
    data = _group_project_data(world.cantho, first, second)
    data["budget-0-proposed"] = "900.000.000"
    data["participants-1-support_amount"] = "500.000.000"  # 800 triệu in all, line says 900
    before = saved_counts()

    response = staff.post(create_url(plan), data)

    assert response.status_code == 400
    assert response.context["editor"].sum_errors == [
        "Tổng hỗ trợ của các cơ sở (800.000.000 đ) chênh lệch 100.000.000 đ so với dòng kinh "
        "phí KCQG (900.000.000 đ)."
    ]
    assert "chênh lệch 100.000.000 đ" in response.content.decode()
    assert saved_counts() == before


def test_group_counterpart_must_equal_the_counterpart_line(staff, world, plan):
    first, second = BeneficiaryFactory.create_batch(2)
    data = _group_project_data(world.cantho, first, second)
    data["budget-1-proposed"] = "1.115.000.000"

    response = staff.post(create_url(plan), data)

    assert response.status_code == 400
    [error] = response.context["editor"].sum_errors
    assert "đối ứng" in error
    assert "100.000 đ" in error


def test_establishments_without_amounts_need_not_add_up(staff, world, plan):
    beneficiary = BeneficiaryFactory()
    data = project_form_data(
        fields=project_fields(world.cantho),
        budget=[{"source": Source.KCQG, "proposed": "100.000.000"}],
        participants=[{"beneficiary": beneficiary.pk, "beneficiary_name": beneficiary.name}],
    )
    assert staff.post(create_url(plan), data).status_code == 302


def test_content_needing_beneficiaries_only_warns_at_save(staff, world, plan):
    data = project_form_data(
        fields=project_fields(world.cantho, content=content("3.2").pk),
        budget=[{"source": Source.KCQG, "proposed": "100.000.000"}],
    )

    response = staff.post(create_url(plan), data)

    assert response.status_code == 302
    warnings = [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "3.2" in str(warnings[0])


def test_an_invalid_post_keeps_everything_typed(staff, world, plan):
    first, second = BeneficiaryFactory.create_batch(2)
    data = _group_project_data(world.cantho, first, second, title="")

    response = staff.post(create_url(plan), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert 'data-field-error="title"' in html
    assert f'value="{first.name}"' in html
    assert f'value="{first.pk}"' in html
    assert 'value="1.114.900.000"' in html
    assert 'value="300 000 000"' in html
    assert "Nâng cao năng suất" in html
    assert response.context["editor"].totals.total == 1_714_900_000
