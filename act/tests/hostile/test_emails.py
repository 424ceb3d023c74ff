"""Reminder emails (and the notifications page) after the young person's names were saved through the
form with anything in them: the hourly reminders to the key worker and the managers still go out, with
one-line headers, and no email carries the name (the notification in the app does, behind sign-in)."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from accounts.tasks import send_reminders
from assessments.models import ReviewPoint
from cases import services
from cases.models import Case, TimelineEntry

from . import tally
from .checks import Visitor, assert_clean_emails, attempt
from .inputs import HOSTILE, form, text, with_dates

REMINDERS = "reminder emails"
names = form(given_name=text("Destiny"), family_name=text("Walker"), preferred_name=text(""))


@given(data=names, overdue=st.booleans())
# A name with a line break in it, as a hostile client can send it (a browser cannot): in an email header it
# would start a new one.
@example(
    data={"given_name": "Destiny\nBcc: everyone@example.com", "family_name": "W", "preferred_name": ""}, overdue=True
)
@HOSTILE
def test_reminder_emails_after_hostile_names(key_worker, manager, case, data, overdue):
    with attempt(REMINDERS, key_worker) as visitor:
        young_person = case.young_person
        details = {
            "date_of_birth": (
                str(young_person.date_of_birth.day),
                str(young_person.date_of_birth.month),
                str(young_person.date_of_birth.year),
            ),
            "living_situation": young_person.living_situation,
            "legal_status": young_person.legal_status,
            "avatar": "",
        }
        saved = visitor.submit(
            reverse("cases:young-person-edit", args=[case.pk]), with_dates({**details, **data}, "date_of_birth")
        )
        if saved.status_code != 302:
            return
        _something_due(case, key_worker, overdue=overdue)
        try:
            send_reminders()
        except Exception as error:
            tally.server_error(REMINDERS, f"send_reminders: {type(error).__name__}: {error}")
            raise
        assert mail.outbox, "no reminder was sent"
        assert_clean_emails()
        young_person.refresh_from_db()
        for email in mail.outbox:
            for name in (young_person.full_name, young_person.display_name):
                if len(name.strip()) >= 8:  # long enough not to be any of the email's own words
                    assert name not in email.subject and name not in email.body, "an email names the young person"
        visitor.get(reverse("accounts:notifications"))
        Visitor(REMINDERS, manager).get(reverse("accounts:notifications"))


def _something_due(case, key_worker, *, overdue: bool) -> None:
    today = timezone.localdate()
    ReviewPoint.objects.filter(assessment__case_id=case.pk, held_at__isnull=True).update(
        due_on=today - timedelta(days=2) if overdue else today + timedelta(days=1)
    )
    went = timezone.now() - timedelta(days=4 if overdue else 3, hours=12)
    entry = services.timeline_add(
        case=Case.objects.get(pk=case.pk),
        by=key_worker,
        kind=TimelineEntry.Kind.MISSING,
        occurred_at=went,
        summary="Out",
    )
    services.missing_episode_end(entry=entry, returned_at=went + timedelta(hours=2), where_found="Home", by=key_worker)
