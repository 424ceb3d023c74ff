"""The pages where a young person answers a check-in, and a young person or a parent or carer gives feedback:
through a one-thing link made for one request, or inside their space.

A one-thing link has no passcode: it may be opened on a shared phone, so its page shows nothing of the case
(no name, no earlier answers) and an answered request says only that it was answered. A space has a
passcode, so its pages may name the people who read the answers. Each page says truthfully who reads what
is sent, from the access policy."""

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cases import access
from cases import services as case_services
from cases.models import Case, LinkUse, Person, SharedLink
from cases.views.shared_links import not_working

from .. import services
from ..forms.answers import CheckInForm, FeedbackForm, errors_in_order
from ..models import Kind, Request, Score
from ..words import CHECK_IN_QUESTIONS, feedback_questions

# The page a one-thing link's answers are drawn in; a space's pages use the space's own layout.
LINK_LAYOUT = "feedback/shared_base.html"


@dataclass(frozen=True)
class Answering:
    """Who is answering, through which link, and where the page is drawn."""

    link: SharedLink  # the link that was used: its uses are recorded on it
    address: str  # the visitor's address, hashed, for `link_used`
    person: str
    name: str
    asked: Request | None  # the request answered, or None for an answer tied to no request
    layout: str
    # The space's home ("" for a one-thing link): a space names the people who read, a bare link does not.
    home: str = ""
    # What the layout needs besides (a space's pages: the space).
    extra: dict = field(default_factory=dict)

    @property
    def case(self) -> Case:
        return self.link.case

    @property
    def named(self) -> bool:
        return bool(self.home)

    @property
    def is_young_person(self) -> bool:
        return self.person == Person.YOUNG_PERSON


def _asked_by_link(link: SharedLink, kind: str) -> Request | None:
    """The request a one-thing link was made for: of this case, this kind and this person, or None."""
    if link.target_id is None:
        return None
    return (
        Request.objects.filter(pk=link.target_id, case_id=link.case_id, kind=kind, rhythm__person=link.person)
        .select_related("rhythm")
        .first()
    )


def check_in_link_page(request: HttpRequest, link: SharedLink, address: str) -> HttpResponse:
    """The handler of a check-in link (registered in `feedback.apps`)."""
    asked = _asked_by_link(link, Kind.CHECK_IN)
    if asked is None or link.person != Person.YOUNG_PERSON:
        return not_working(request)
    answering = Answering(link, address, link.person, link.person_name, asked, LINK_LAYOUT)
    return check_in(request, answering)


def feedback_link_page(request: HttpRequest, link: SharedLink, address: str) -> HttpResponse:
    """The handler of a feedback link (registered in `feedback.apps`)."""
    asked = _asked_by_link(link, Kind.FEEDBACK)
    if asked is None or link.person not in (Person.YOUNG_PERSON, Person.PARENT_CARER):
        return not_working(request)
    answering = Answering(link, address, link.person, link.person_name, asked, LINK_LAYOUT)
    return feedback(request, answering)


def _already(request: HttpRequest, answering: Answering) -> HttpResponse:
    # Never the answers: whoever holds the phone now may not be who answered.
    return render(
        request, "feedback/shared_already.html", {**_frame(answering), "title": _("You've already answered this one")}
    )


def _refused(request: HttpRequest, answering: Answering, form, error: Exception) -> HttpResponse | None:
    """An answer the service would not keep: answered meanwhile (a double tap, a second phone) says so, like
    an answered request; anything else is said on the form (None: draw the form with the error)."""
    asked = answering.asked
    if asked is not None and Request.objects.filter(pk=asked.pk, answered_at__isnull=False).exists():
        return _already(request, answering)
    form.add_error(None, str(error))
    return None


def _frame(answering: Answering) -> dict:
    return {
        **answering.extra,
        "layout": answering.layout,
        "home": answering.home,
        "is_young_person": answering.is_young_person,
    }


def _readers(answering: Answering) -> dict:
    """Who reads the answers, from the access policy: by name in a space, by how many on a bare link."""
    readers = access.family_words_readers(answering.case)
    managers = [r for r in readers if r.manager]
    others = [r for r in readers if not r.manager]
    return {"readers": readers, "managers": managers, "others": others, "named": answering.named}


def check_in(request: HttpRequest, answering: Answering) -> HttpResponse:
    """The five measures on one page, one button: GET draws it, POST keeps it."""
    if answering.asked is not None and answering.asked.answered_at is not None:
        return _already(request, answering)
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            check = services.check_in_record(
                case=answering.case,
                person=answering.person,
                scores=form.scores(),
                anything_else=form.cleaned_data["anything_else"].strip(),
                request=answering.asked,
                entered_by=None,
            )
        except services.VoiceError as error:
            refused = _refused(request, answering, form, error)
            if refused is not None:
                return refused
        else:
            case_services.link_used(link=answering.link, event=LinkUse.Event.SAVED, address_hash=answering.address)
            low = Score.ONE in check.scores().values()
            context = {**_frame(answering), "title": _("Thank you"), "low": low}
            return render(request, "feedback/shared_thanks.html", {**context, "kind": Kind.CHECK_IN})
    context = {
        **_frame(answering),
        **_readers(answering),
        "title": _("How are things?"),
        "form": form,
        "errors": errors_in_order(form) if form.is_bound else [],
        "questions": [(q, form[q.field]) for q in CHECK_IN_QUESTIONS],
    }
    return render(request, "feedback/shared_check_in.html", context, status=400 if form.is_bound else 200)


def feedback(request: HttpRequest, answering: Answering) -> HttpResponse:
    """Two questions about the help they get, what would make it better, and who may read those words."""
    if answering.asked is not None and answering.asked.answered_at is not None:
        return _already(request, answering)
    form = FeedbackForm(request.POST if request.method == "POST" else None, person=answering.person)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_record(
                case=answering.case,
                person=answering.person,
                name=answering.name,
                listened=form.cleaned_data["listened"],
                there_when_needed=form.cleaned_data["there_when_needed"],
                better=form.cleaned_data["better"].strip(),
                worker_may_read=form.worker_may_read,
                request=answering.asked,
            )
        except services.VoiceError as error:
            refused = _refused(request, answering, form, error)
            if refused is not None:
                return refused
        else:
            case_services.link_used(link=answering.link, event=LinkUse.Event.SAVED, address_hash=answering.address)
            context = {**_frame(answering), "title": _("Thank you"), "low": False, "kind": Kind.FEEDBACK}
            return render(request, "feedback/shared_thanks.html", context)
    context = {
        **_frame(answering),
        **_readers(answering),
        "title": _("What do you think of the help you get?"),
        "form": form,
        "errors": errors_in_order(form) if form.is_bound else [],
        "questions": [(q, form[q.field]) for q in feedback_questions(answering.person)],
        "who_reads": form["who_reads"],
        "chosen": form.data.get("who_reads", "") if form.is_bound else "",
    }
    return render(request, "feedback/shared_feedback.html", context, status=400 if form.is_bound else 200)


def describe_answer_links(links) -> dict[int, str]:
    """What each check-in or feedback link opens, for the worker's list of links: one query for the list."""
    asked = Request.objects.filter(pk__in=[link.target_id for link in links if link.target_id]).in_bulk()
    described = {}
    for link in links:
        found = asked.get(link.target_id)
        if found is not None and found.case_id == link.case_id:
            due = formats.date_format(timezone.localtime(found.due_at), "j F Y")
            described[link.pk] = _("%(kind)s due %(date)s") % {"kind": found.get_kind_display(), "date": due}
    return described
