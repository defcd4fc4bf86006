"""Notifications: who is told of each transition (exactly), the count in the navigation bar, the
list with mark-as-read, and emails sent after the commit whose failure never undoes anything."""

import datetime
import logging
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from khuyencong.models import Notification
from projects import adjustments, review
from projects.models import AdjustmentItem, PlanStatus, Program
from tests.factories import MembershipFactory, UserFactory
from tests.projects.review_world import approved_plan, complete_plan, submitted_plan

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 1)


def told(notifications=None) -> set[str]:
    rows = notifications if notifications is not None else Notification.objects.all()
    return {n.recipient.username for n in rows}


def test_submit_tells_the_provinces_reviewers_only(world):
    plan = complete_plan(world.cantho)
    review.plan_submit(user=world.cantho.center_head, plan=plan)
    assert told() == {"department_reviewer.cantho"}


def test_return_tells_the_centre_staff_and_head(world):
    plan = submitted_plan(world.cantho)
    Notification.objects.all().delete()
    review.plan_return(user=world.cantho.department_reviewer, plan=plan, comment="Sửa lại.")
    assert told() == {"center_staff.cantho", "center_head.cantho"}
    assert all("Sửa lại." in n.text for n in Notification.objects.all())


def test_approve_tells_the_centre_and_the_ministry_of_kcqg_awaiting(world):
    plan = submitted_plan(world.cantho)
    Notification.objects.all().delete()
    review.plan_approve(
        user=world.cantho.department_reviewer, plan=plan, decision_number="1", decision_date=DAY
    )
    assert told() == {"center_staff.cantho", "center_head.cantho", "ministry"}
    ministry_note = Notification.objects.get(recipient=world.ministry)
    assert ministry_note.url.startswith("/ministry/projects/")


def test_rejecting_a_project_tells_the_centre(world):
    plan = submitted_plan(world.cantho)
    Notification.objects.all().delete()
    project = plan.projects.get(program=Program.KCDP)
    review.project_reject(user=world.cantho.department_reviewer, project=project, reason="Trùng.")
    assert told() == {"center_staff.cantho", "center_head.cantho"}


def test_ministry_decisions_tell_the_centre(world):
    plan = approved_plan(world.cantho)
    Notification.objects.all().delete()
    project = plan.projects.get(program=Program.KCQG)
    review.ministry_project_reject(user=world.ministry, project=project, reason="Không đạt.")
    assert told() == {"center_staff.cantho", "center_head.cantho"}


def test_adjustment_requested_and_decided(world):
    plan = approved_plan(world.cantho)
    project = plan.projects.get(program=Program.KCDP)
    adjustment = adjustments.adjustment_open(
        user=world.cantho.center_staff, plan=plan, reason="Lý do"
    )
    adjustments.adjustment_item_save(
        user=world.cantho.center_staff,
        adjustment=adjustment,
        kind=AdjustmentItem.Kind.STOP,
        project=project,
        reason="Ngừng.",
    )
    Notification.objects.all().delete()
    adjustments.adjustment_submit(user=world.cantho.center_head, adjustment=adjustment)
    assert told() == {"department_reviewer.cantho"}
    Notification.objects.all().delete()
    adjustments.adjustment_approve(
        user=world.cantho.department_reviewer,
        adjustment=adjustment,
        decision_number="2",
        decision_date=DAY,
    )
    assert told() == {"center_staff.cantho", "center_head.cantho"}


def test_a_refused_transition_leaves_no_notification(world):
    plan = complete_plan(world.cantho)
    with pytest.raises(review.StateChanged):
        review.plan_return(user=world.cantho.department_reviewer, plan=plan, comment="x")
    assert not Notification.objects.exists()


def test_merged_province_plans_reach_the_successors_reviewers(world):
    from tests.factories import PlanFactory

    plan = PlanFactory(province=world.soctrang, year=2023)
    from tests.projects.review_world import complete_kcdp

    complete_kcdp(plan)
    review.plan_submit(user=world.cantho.center_head, plan=plan)
    assert told() == {"department_reviewer.cantho"}


# --- email after the commit -----------------------------------------------------------------------


def test_emails_are_sent_after_the_commit(world, django_capture_on_commit_callbacks):
    plan = complete_plan(world.cantho)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        review.plan_submit(user=world.cantho.center_head, plan=plan)
        assert mail.outbox == []  # nothing leaves inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [["department_reviewer.cantho@example.vn"]]
    assert "/plans/" in mail.outbox[0].body


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server is down")


def test_an_email_failure_leaves_the_approval_standing(
    world, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.khuyencong.test_notifications.BrokenBackend"
    plan = submitted_plan(world.cantho)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        review.plan_approve(
            user=world.cantho.department_reviewer, plan=plan, decision_number="1", decision_date=DAY
        )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert Notification.objects.filter(recipient=world.cantho.center_head).exists()
    assert "Could not email notification" in caplog.text


def test_a_failure_to_queue_is_logged_too(
    world, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from khuyencong import notifications

    def broken(*args, **kwargs):
        raise RuntimeError("queue down")

    monkeypatch.setattr(notifications, "send_notification_emails", SimpleNamespace(enqueue=broken))
    plan = complete_plan(world.cantho)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        review.plan_submit(user=world.cantho.center_head, plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert "Could not queue" in caplog.text


# --- the pages ------------------------------------------------------------------------------------


def test_navigation_shows_the_unread_count(client, world):
    complete = complete_plan(world.cantho)
    review.plan_submit(user=world.cantho.center_head, plan=complete)
    client.force_login(world.cantho.department_reviewer)
    page = client.get("/").content.decode()
    assert 'data-testid="unread-count">1<' in page
    client.force_login(world.cantho.center_staff)
    assert 'data-testid="unread-count"' not in client.get("/").content.decode()


def test_list_and_mark_as_read(client, world):
    reviewer = world.cantho.department_reviewer
    notes = [
        Notification.objects.create(recipient=reviewer, text=f"Tin {i}", url="/plans/")
        for i in range(3)
    ]
    other = Notification.objects.create(recipient=world.phutho.department_reviewer, text="Khác")
    client.force_login(reviewer)
    page = client.get("/notifications/")
    assert page.status_code == 200
    assert {n.pk for n in page.context["page_obj"]} == {n.pk for n in notes}
    response = client.post("/notifications/read/", {"id": notes[0].pk, "next": "/plans/"})
    assert response.status_code == 302 and response.url == "/plans/"
    assert Notification.objects.filter(read_at__isnull=True, recipient=reviewer).count() == 2
    # Someone else's notification is never touched.
    client.post("/notifications/read/", {"id": other.pk})
    other.refresh_from_db()
    assert other.read_at is None
    client.post("/notifications/read/")
    assert not Notification.objects.filter(read_at__isnull=True, recipient=reviewer).exists()


def test_mark_read_refuses_garbage_and_foreign_next(client, world):
    reviewer = world.cantho.department_reviewer
    Notification.objects.create(recipient=reviewer, text="Tin")
    client.force_login(reviewer)
    assert client.post("/notifications/read/", {"id": "abc"}).status_code == 400
    response = client.post("/notifications/read/", {"next": "https://evil.example/"})
    assert response.url == "/notifications/"


@pytest.mark.parametrize("count", [2, 30])
def test_the_list_and_the_count_run_constant_queries(
    client, world, django_assert_max_num_queries, count
):
    user = MembershipFactory(
        user=UserFactory(username=f"many{count}"), organisation=world.cantho.centre
    ).user
    Notification.objects.bulk_create(
        Notification(recipient=user, text=f"Tin {i}") for i in range(count)
    )
    client.force_login(user)
    client.get("/notifications/")  # warm the session
    with django_assert_max_num_queries(8):
        assert client.get("/notifications/").status_code == 200
