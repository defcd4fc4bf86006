"""Domain errors and their HTTP status, in one place (khuyencong.errors): every view turns a
refused service call into its page's message and status with `refusal`."""

from django.core.exceptions import PermissionDenied, ValidationError

from khuyencong.errors import REFUSALS, DomainError, StaleEditError, StateChanged, refusal


def test_bad_input_is_a_400_with_every_message():
    error = ValidationError(["Thiếu số quyết định.", "Ngày không hợp lệ."])
    assert refusal(error) == ("Thiếu số quyết định. Ngày không hợp lệ.", 400)


def test_a_state_that_changed_is_a_409():
    assert refusal(StateChanged("Kế hoạch đã được duyệt.")) == ("Kế hoạch đã được duyệt.", 409)


def test_a_stale_edit_is_a_409_with_its_own_message():
    message, status = refusal(StaleEditError())
    assert status == 409 and message == str(StaleEditError.message)


def test_the_wrong_role_is_a_403_left_to_the_403_page():
    assert refusal(PermissionDenied("Chỉ Sở."))[1] == 403
    assert not issubclass(PermissionDenied, REFUSALS)


def test_a_domain_error_says_its_own_status():
    class Blocked(DomainError):
        status = 400

    assert refusal(Blocked("Còn vướng mắc.")) == ("Còn vướng mắc.", 400)
