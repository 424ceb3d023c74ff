"""A case's check-ins and feedback, as the team reads them, and a check-in entered with the young person.

Who reads them: the staff who may change the case (the key worker, co-workers, the plan coordinator and the
team's managers): exactly the people the young person's check-in page names as its readers
(`access.family_words_readers`). Partner agencies do not: the check-ins are the young person's private
measures of how they feel, asked so that their worker can act on them, and the feedback is about the team's
own service. So a partner (and anyone else) gets 404, as for a case they may not see.

A feedback answer's words ("what would make it better?") are read by the team's managers always, and by the
others only where the writer chose to let their worker read them: the words of the rest are never loaded."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cases import access
from cases.case_page import posted, render_case
from cases.models import Person

from .. import services
from ..charts import measure_line_svg
from ..forms.answers import StaffCheckInForm
from ..models import CheckIn, CheckInAlert, FeedbackAnswer, Kind
from ..space import oldest_open
from ..words import CHECK_IN_QUESTIONS, feedback_questions

CHECK_INS_PER_PAGE = 25
# The lines of the measures show the latest check-ins: enough to see a trend, small enough for a phone.
CHART_CHECK_INS = 12
# The case page shows the latest answers; the team's managers have all of them on the team's page.
FEEDBACK_SHOWN = 20


def readable_feedback(user, case, answers: models.QuerySet[FeedbackAnswer]) -> models.QuerySet[FeedbackAnswer]:
    """The answers with `words`: their words where this person may read them, "" where not. The words
    themselves (`better`) are not loaded: only `words`, decided by the database."""
    if access.may_read_all_feedback_words(user, case):
        words: models.F | models.Case = models.F("better")
    else:
        words = models.Case(
            models.When(worker_may_read=True, then="better"), default=models.Value(""), output_field=models.TextField()
        )
    return answers.defer("better").annotate(words=words)


def check_in_rows(check_ins, alerts: dict[int, CheckInAlert]) -> list[dict]:
    return [
        {
            "check_in": check,
            "scores": [
                (q.short, getattr(check, q.field), q.words(getattr(check, q.field))) for q in CHECK_IN_QUESTIONS
            ],
            "alert": alerts.get(check.pk),
        }
        for check in check_ins
    ]


def measure_lines(case) -> list:
    """(question, picture) for each measure, over the latest check-ins: one query."""
    latest = list(CheckIn.objects.filter(case=case).order_by("-at", "-pk")[:CHART_CHECK_INS])[::-1]
    return [
        (question, measure_line_svg(question, [(check.at, getattr(check, question.field)) for check in latest]))
        for question in CHECK_IN_QUESTIONS
    ]


@require_GET
def case_voice(request, pk: int):
    case = access.get_case_for_change(request.user, pk)
    check_ins = CheckIn.objects.filter(case=case).select_related("entered_by").order_by("-at", "-pk")
    page = Paginator(check_ins, CHECK_INS_PER_PAGE).get_page(request.GET.get("page"))
    alerts = {alert.check_in_id: alert for alert in CheckInAlert.objects.filter(case=case, handled_at__isnull=True)}
    listened, there = feedback_questions(Person.YOUNG_PERSON)
    answers = list(readable_feedback(request.user, case, FeedbackAnswer.objects.filter(case=case))[:FEEDBACK_SHOWN])
    context = {
        "page": page,
        "rows": check_in_rows(page, alerts),
        "lines": measure_lines(case) if page.paginator.count else [],
        "open_alerts": [alert for alert in alerts.values()],
        "questions": CHECK_IN_QUESTIONS,
        "feedback_questions": feedback_questions(Person.YOUNG_PERSON),
        "answers": [
            (answer, listened.words(answer.listened), there.words(answer.there_when_needed)) for answer in answers
        ],
        "reads_all_words": access.may_read_all_feedback_words(request.user, case),
    }
    return render_case(request, "feedback/voice.html", case, "check-ins", context, viewed="check-ins and feedback")


@require_http_methods(["GET", "POST"])
def case_check_in(request, pk: int):
    """A worker enters a check-in with the young person, in the young person's answers. It answers the oldest
    check-in waiting for them, so they are not asked the same again."""
    case = access.get_case_for_change(request.user, pk, open_only=True)
    back = reverse("feedback:case-voice", args=[case.pk])
    form = StaffCheckInForm(posted(request), cancel_url=back)
    if form.is_valid():
        try:
            services.check_in_record(
                case=case,
                person=Person.YOUNG_PERSON,
                scores=form.scores(),
                anything_else=form.cleaned_data["anything_else"].strip(),
                request=oldest_open(case, Person.YOUNG_PERSON, "", Kind.CHECK_IN),
                entered_by=request.user,
            )
        except services.VoiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The check-in is saved."))
            return redirect(back)
    context = {"form": form, "title": _("A check-in with %(name)s") % {"name": case.young_person.called}}
    return render_case(
        request,
        "cases/case_form.html",
        case,
        "check-ins",
        context,
        viewed="check-in form",
        status=400 if form.is_bound else 200,
    )
