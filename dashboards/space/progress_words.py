"""What the young person's dashboard says under each picture, in plain words: how a goal or a check-in
measure has moved from its first score to its latest. Going down is said kindly, with who to talk to;
staying the same is said as steady, not as stuck."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The five check-in measures as the subject of a sentence ("Your mood has gone up ..."), in the order of
# `CheckIn.MEASURES`; the questions they answered are in feedback/words.py.
MEASURE_SUBJECTS = {
    "mood": gettext_lazy("Your mood"),
    "outlook": gettext_lazy("How you feel about your life and what’s ahead"),
    "healthy_relationships": gettext_lazy("How sure you are about what a healthy relationship looks like"),
    "self_feeling": gettext_lazy("How you feel about yourself"),
    "relationships": gettext_lazy("How good your relationships are"),
}


def _day(moment: datetime | date) -> date:
    return timezone.localtime(moment).date() if isinstance(moment, datetime) else moment


def since(moment: datetime | date, today: date | None = None) -> str:
    """When something started, to follow "since": "September"; "3 December" within this month; with the
    year once it is nearly a year ago ("September 2025"), so a month is never taken for the wrong one."""
    day, today = _day(moment), today or timezone.localdate()
    if (day.year, day.month) == (today.year, today.month):
        return date_format(day, "j F")
    if (today - day).days < 330:
        return date_format(day, "F")
    return date_format(day, "F Y")


def on_day(moment: datetime | date) -> str:
    return date_format(_day(moment), "j F")


def goal_words(first, latest, count: int, worker: str) -> str:
    """A goal's move from its first score (`first`, a rating) to its latest, of `count` scores."""
    if latest is None:
        return _("Not scored yet. You can give it a score on your plan.")
    now = latest.score
    if count == 1:
        return _("It’s at %(now)s out of 10. This is its first score.") % {"now": now}
    said = {"first": first.score, "now": now, "when": since(first.rated_at), "day": on_day(first.rated_at)}
    if now > first.score:
        return _("You’ve moved from %(first)s to %(now)s since %(when)s.") % said
    if now < first.score:
        return _(
            "It’s gone from %(first)s to %(now)s since %(when)s. Things go up and down, and that’s OK: you can talk "
            "about it with %(worker)s."
        ) % {**said, "worker": worker}
    return _("You’re at %(now)s out of 10, the same as on %(day)s. Keeping steady counts too.") % said


def measure_words(field: str, words, answers: list[tuple[datetime, int]], worker: str) -> str:
    """How one measure moved over the check-ins shown (oldest first); `words(value)` says an answer."""
    subject = str(MEASURE_SUBJECTS[field])
    if not answers:
        return ""
    (first_at, first), (last_at, now) = answers[0], answers[-1]
    said = {"what": subject, "first": words(first), "now": words(now), "when": since(first_at)}
    if len(answers) == 1:
        return _("%(what)s was “%(now)s” at your check-in on %(day)s.") % {**said, "day": on_day(last_at)}
    if now > first:
        return _("%(what)s has gone up from “%(first)s” to “%(now)s” since %(when)s.") % said
    if now < first:
        return _(
            "%(what)s has gone from “%(first)s” to “%(now)s” since %(when)s. Everyone has harder times: you can "
            "tell %(worker)s how you feel."
        ) % {**said, "worker": worker}
    return _("%(what)s is “%(now)s”, the same as on %(day)s.") % {**said, "day": on_day(first_at)}
