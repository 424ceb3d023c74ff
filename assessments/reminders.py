"""What the assessment has due: review points within three days or overdue. Found with one query on a
partial index; the messages are keyed, so running again never tells anyone twice. Registered with
`accounts.notifications` when the app starts."""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.notifications import Message
from cases.models import Stage
from cases.reminders import TeamManagers, due_or_overdue

from .models import ReviewPoint

REVIEW_WARNING = timedelta(days=3)


def review_reminders(now: datetime) -> list[Message]:
    today = timezone.localdate(now)
    messages: list[Message] = []
    managers = TeamManagers()
    reviews = (
        ReviewPoint.objects.filter(held_at__isnull=True, due_on__lte=today + REVIEW_WARNING)
        .select_related("assessment__case__young_person", "assessment__case__key_worker")
        .exclude(assessment__case__stage=Stage.CLOSED)
    )
    for review in reviews:
        case = review.assessment.case
        url = reverse("assessments:reviews", args=[case.pk])
        words = {"name": case.young_person.display_name, "date": review.due_on.strftime("%d %B %Y")}
        messages += due_or_overdue(
            case,
            "review",
            review.pk,
            url,
            overdue=review.due_on < today,
            overdue_text=_("%(name)s's assessment review is overdue (it was due on %(date)s).") % words,
            due_text=_("%(name)s's assessment review is due on %(date)s.") % words,
            managers=managers,
        )
    return messages
