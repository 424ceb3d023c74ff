"""The demo's voice: three months of check-ins for Destiny, Lily and Emily (Lily's mood falls in the last two,
so her worker is told), feedback from Destiny and from Emily's mum, and the rhythms they chose."""

from datetime import time, timedelta

from django.utils import timezone

from accounts.models import User
from cases.models import Case, Person

from . import services
from .models import CheckIn, CheckInAlert, FeedbackAnswer, Kind, Rhythm

# Every two weeks for three months, oldest first: (mood, outlook, healthy relationships, how I feel about
# myself, my relationships), and anything else.
CHECK_INS = {
    "destiny": [
        ((2, 2, 2, 2, 3), "Not sleeping much."),
        ((2, 3, 2, 2, 3), ""),
        ((3, 3, 3, 2, 3), ""),
        ((3, 3, 3, 3, 3), "College said I can start in January."),
        ((3, 4, 3, 3, 4), ""),
        ((4, 4, 3, 3, 4), ""),
        ((4, 4, 4, 3, 4), "Saw mum on Saturday."),
    ],
    "lily": [
        ((3, 3, 3, 3, 3), ""),
        ((3, 4, 3, 3, 3), ""),
        ((4, 4, 3, 3, 4), ""),
        ((4, 4, 4, 3, 4), "Flat viewing went well."),
        ((4, 4, 4, 4, 4), ""),
        ((2, 3, 3, 3, 3), "Bad week."),
        ((1, 2, 3, 2, 2), "I don't want to talk about it."),
    ],
    "emily": [
        ((3, 3, 2, 3, 3), ""),
        ((3, 3, 3, 3, 3), ""),
        ((3, 3, 3, 3, 4), ""),
        ((4, 3, 3, 3, 4), "Mr Evans helped with my homework club."),
        ((4, 4, 3, 4, 4), ""),
        ((4, 4, 4, 4, 4), ""),
        ((4, 4, 4, 4, 5), ""),
    ],
}
WEEKS_BETWEEN = 2


def _back_date(model, pk: int, when) -> None:
    model.objects.filter(pk=pk).update(at=when)


def _check_ins(case: Case, key: str, worker: User) -> None:
    if CheckIn.objects.filter(case=case).exists():
        return
    now = timezone.now()
    answers = CHECK_INS[key]
    for number, (scores, words) in enumerate(answers):
        when = now - timedelta(weeks=WEEKS_BETWEEN * (len(answers) - 1 - number), hours=2)
        check_in = services.check_in_record(
            case=case,
            person=Person.YOUNG_PERSON,
            scores=dict(zip(CheckIn.MEASURES, scores, strict=True)),
            anything_else=words,
            request=None,
            # The first one done with the worker, the rest on their phone.
            entered_by=worker if number == 0 else None,
        )
        _back_date(CheckIn, check_in.pk, when)
        CheckInAlert.objects.filter(check_in=check_in).update(made_at=when)


def _rhythms(cases: dict[str, Case], people: dict[str, User]) -> None:
    worker, worker2 = people["worker"], people["worker2"]
    chosen = [
        # Destiny: every week, on Wednesday after college, in her space.
        (cases["destiny"], Kind.CHECK_IN, Person.YOUNG_PERSON, "", 7, 2, time(16), time(19), False, worker),
        (cases["destiny"], Kind.FEEDBACK, Person.YOUNG_PERSON, "", 42, 2, time(16), time(19), True, worker),
        # Lily: every two weeks, Sunday evening.
        (cases["lily"], Kind.CHECK_IN, Person.YOUNG_PERSON, "", 14, 6, time(18), time(21), False, worker2),
        # Emily: every two weeks, Monday after school; her mum is asked for feedback every six weeks.
        (cases["emily"], Kind.CHECK_IN, Person.YOUNG_PERSON, "", 14, 0, time(15, 30), time(18), False, worker),
        (cases["emily"], Kind.FEEDBACK, Person.PARENT_CARER, "Karen", 42, 3, time(10), time(14), True, worker),
    ]
    for case, kind, person, name, every, weekday, earliest, latest, after, by in chosen:
        if Rhythm.objects.filter(case=case, kind=kind, person=person).exists():
            continue
        services.rhythm_set(
            case=case,
            kind=kind,
            person=person,
            name=name,
            every_days=every,
            weekday=weekday,
            earliest=earliest,
            latest=latest,
            channel="",
            address="",
            after_meetings=after,
            by=by,
        )


def _feedback(cases: dict[str, Case]) -> None:
    if FeedbackAnswer.objects.filter(case__in=[cases["destiny"], cases["emily"]]).exists():
        return
    now = timezone.now()
    given = [
        (cases["destiny"], Person.YOUNG_PERSON, "", 4, 4, "More time at the youth club, less in the office.", True, 70),
        (cases["destiny"], Person.YOUNG_PERSON, "", 5, 4, "Nothing, Jo is good.", True, 25),
        (cases["emily"], Person.PARENT_CARER, "Karen", 3, 2, "Tell me what is going on more often.", False, 40),
        (cases["emily"], Person.PARENT_CARER, "Karen", 4, 3, "", False, 5),
    ]
    for case, person, name, listened, there, better, worker_may_read, days_ago in given:
        answer = services.feedback_record(
            case=case,
            person=person,
            name=name,
            listened=listened,
            there_when_needed=there,
            better=better,
            worker_may_read=worker_may_read,
            request=None,
        )
        _back_date(FeedbackAnswer, answer.pk, now - timedelta(days=days_ago))


def seed(people: dict[str, User], cases: dict[str, Case]) -> None:
    for key in ("destiny", "lily", "emily"):
        worker = cases[key].key_worker or people["worker"]
        _check_ins(cases[key], key, worker)
    _rhythms(cases, people)
    _feedback(cases)
