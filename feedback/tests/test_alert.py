"""A check-in that falls two points or more on any measure since the last one, or has an answer of 1, makes
one alert: the key worker is told once, in the app and by an email that says only the kind, and it stays
until a worker says what they did. And the rules every answer keeps: 1 to 5, a request answered once."""

import pytest
from django.core import mail

from accounts.models import Notification
from cases.models import Person, Stage
from feedback.models import CheckIn, CheckInAlert, FeedbackAnswer, Kind, Request
from feedback.services import VoiceError, alert_handled, check_in_record, feedback_record

from .helpers import DUE, a_rhythm


def scores(**changes) -> dict[str, int]:
    return {**dict.fromkeys(CheckIn.MEASURES, 4), **changes}


def record(case, by=None, request=None, **changes) -> CheckIn:
    return check_in_record(
        case=case,
        person=Person.YOUNG_PERSON,
        scores=scores(**changes),
        anything_else="",
        request=request,
        entered_by=by,
    )


@pytest.fixture(autouse=True)
def _emails_now(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = True


def test_a_drop_of_two_points_makes_an_alert(case):
    record(case, mood=4)
    check_in = record(case, mood=2)
    alert = CheckInAlert.objects.get()
    assert alert.check_in == check_in and alert.case == case
    assert "4 to 2" in alert.reasons and alert.handled_at is None


def test_a_drop_of_one_point_makes_none(case):
    record(case, outlook=4)
    record(case, outlook=3)
    assert not CheckInAlert.objects.exists()


def test_the_drop_is_from_their_last_check_in_not_an_older_one(case):
    record(case, mood=5)
    record(case, mood=4)
    record(case, mood=3)
    assert not CheckInAlert.objects.exists()


def test_any_answer_of_1_makes_an_alert(case):
    record(case, relationships=2)
    record(case, relationships=1)
    assert "1" in CheckInAlert.objects.get().reasons


def test_a_first_check_in_with_a_1_makes_an_alert(case):
    record(case, self_feeling=1)
    assert CheckInAlert.objects.count() == 1


def test_a_first_check_in_with_no_1_makes_none(case):
    record(case, mood=2, outlook=2)
    assert not CheckInAlert.objects.exists()


def test_two_measures_falling_make_one_alert_naming_both(case):
    record(case)
    record(case, mood=2, healthy_relationships=1)
    alert = CheckInAlert.objects.get()
    assert len(alert.reasons.splitlines()) == 2


def test_the_key_worker_is_told_once_in_the_app_and_by_an_email_of_the_kind_only(
    case, key_worker, django_capture_on_commit_callbacks
):
    record(case)
    with django_capture_on_commit_callbacks(execute=True):
        record(case, mood=1)
    alert = CheckInAlert.objects.get()
    told = Notification.objects.get(recipient=key_worker)
    assert told.key == f"check-in-low:{alert.pk}" and told.urgent
    assert case.young_person.given_name in told.message
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert "wellbeing check-in needs your attention" in email.subject
    words = f"{email.subject}\n{email.body}"
    assert case.young_person.given_name not in words and case.young_person.family_name not in words
    assert "mood" not in words.casefold()


def test_each_low_check_in_is_its_own_alert_and_told_once_each(case, key_worker):
    record(case, mood=1)
    record(case, mood=1)
    assert CheckInAlert.objects.count() == 2
    assert Notification.objects.filter(recipient=key_worker, kind="check-in-low").count() == 2


def test_saying_what_was_done_closes_the_alert_and_settles_the_notification(case, key_worker):
    record(case, mood=1)
    alert = CheckInAlert.objects.get()
    alert_handled(alert=alert, what_was_done="  Rang her the same evening; she is safe.  ", by=key_worker)
    alert.refresh_from_db()
    assert alert.handled_by == key_worker and alert.handled_at is not None
    assert alert.what_was_done == "Rang her the same evening; she is safe."
    assert Notification.objects.get(key=f"check-in-low:{alert.pk}").done_at is not None


def test_saying_nothing_is_refused(case, key_worker):
    record(case, mood=1)
    with pytest.raises(VoiceError):
        alert_handled(alert=CheckInAlert.objects.get(), what_was_done="   ", by=key_worker)
    assert CheckInAlert.objects.get().handled_at is None


def test_an_alert_is_handled_once(case, key_worker, manager):
    record(case, mood=1)
    alert = CheckInAlert.objects.get()
    alert_handled(alert=alert, what_was_done="Talked with her", by=key_worker)
    with pytest.raises(VoiceError):
        alert_handled(alert=CheckInAlert.objects.get(), what_was_done="Also talked", by=manager)
    assert CheckInAlert.objects.get().what_was_done == "Talked with her"


@pytest.mark.parametrize("bad", [0, 6, -1, "4", None, True, 2.5])
def test_a_score_outside_1_to_5_is_refused(case, bad):
    with pytest.raises(VoiceError):
        record(case, mood=bad)
    assert not CheckIn.objects.exists()


def test_a_missing_or_unknown_measure_is_refused(case):
    with pytest.raises(VoiceError):
        check_in_record(
            case=case, person="young_person", scores={"mood": 3}, anything_else="", request=None, entered_by=None
        )
    with pytest.raises(VoiceError):
        check_in_record(
            case=case,
            person="young_person",
            scores={**scores(), "shoe_size": 3},
            anything_else="",
            request=None,
            entered_by=None,
        )


def test_a_request_is_answered_once(case, key_worker):
    from feedback.services import send_due

    a_rhythm(case, key_worker, channel="")
    send_due(DUE)
    request = Request.objects.get()
    record(case, request=request)
    assert Request.objects.get().answered_at is not None
    with pytest.raises(VoiceError):
        record(case, request=Request.objects.get())
    assert CheckIn.objects.count() == 1


def test_a_request_of_another_case_or_kind_is_refused(case, key_worker, outsider_case):
    from feedback.services import send_due

    a_rhythm(case, key_worker, channel="")
    send_due(DUE)
    request = Request.objects.get()
    with pytest.raises(VoiceError):
        record(outsider_case, request=request)
    with pytest.raises(VoiceError):
        feedback_record(
            case=case,
            person="young_person",
            name="",
            listened=4,
            there_when_needed=4,
            better="",
            worker_may_read=False,
            request=request,
        )
    assert Request.objects.get().answered_at is None


def test_feedback_is_recorded_and_answers_its_request_once(case, key_worker):
    from feedback.services import send_due

    a_rhythm(case, key_worker, kind=Kind.FEEDBACK, channel="", person="parent_carer", name="Lorraine")
    send_due(DUE)
    request = Request.objects.get()

    def answer():
        return feedback_record(
            case=case,
            person="parent_carer",
            name=" Lorraine ",
            listened=5,
            there_when_needed=3,
            better="More evening visits",
            worker_may_read=True,
            request=request,
        )

    given = answer()
    assert (given.person_name, given.listened, given.there_when_needed, given.worker_may_read) == (
        "Lorraine",
        5,
        3,
        True,
    )
    with pytest.raises(VoiceError):
        answer()
    assert FeedbackAnswer.objects.count() == 1


@pytest.mark.parametrize("bad", [0, 6, None])
def test_feedback_scores_outside_1_to_5_are_refused(case, bad):
    with pytest.raises(VoiceError):
        feedback_record(
            case=case,
            person="young_person",
            name="",
            listened=bad,
            there_when_needed=3,
            better="",
            worker_may_read=False,
            request=None,
        )
    assert not FeedbackAnswer.objects.exists()


def test_a_closed_case_takes_no_answers(case):
    case.stage = Stage.CLOSED
    with pytest.raises(VoiceError):
        record(case)
