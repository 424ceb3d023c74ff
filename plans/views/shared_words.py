"""What a link for someone close to the young person opens in the plan (purpose "plan-words", after the
case's door has found the link, slowed guessing, checked the passcode and recorded the opening).

A short form, "Your words for the plan": what they see going well and what they will do to help. Nothing of
the plan itself (its goals, safety plan, meetings, anyone else's name or words) is on this page. Their words
go into the plan under their name, through the plan's services, so each is a numbered change in its history.
Like every link, words already sent are shown again only behind a passcode.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases import access
from cases import services as case_services
from cases.models import LinkUse
from cases.views.shared_links import not_working

from .. import services
from ..forms.shared import KeyPersonWordsForm, words_error

Event = LinkUse.Event


def plan_words_page(request, link, address: str):
    words_link = services.plan_words_link_of(link)
    if words_link is None:
        return not_working(request)
    words_link.link = link  # the door's link, with its case: no second query
    if request.method == "POST":
        if request.POST.get("action") != "words":
            return _page(request, words_link, error=_("Something in that could not be kept. Try again."), status=400)
        return _add(request, words_link, address)
    return _page(request, words_link)


def _page(request, words_link, *, form=None, error: str = "", status: int = 200):
    link = words_link.link
    case = link.case
    worker = case.key_worker
    private = bool(link.passcode_hash)
    mine = words_link.words.live().order_by("created_at", "pk")
    context = {
        "name": link.person_name,
        "young_name": case.young_person.called,
        "worker_name": worker.first_name if worker else _("the worker"),
        "form": form,
        "error": error,
        "private": private,
        # Only behind a passcode are their words shown again (anyone with the link could open the page).
        "mine": list(mine) if private else [],
        "mine_count": 0 if private else mine.count(),
        "readers": access.plan_readers(case),
    }
    return render(request, "plans/shared_words.html", context, status=status)


def _add(request, words_link, address):
    form = KeyPersonWordsForm(request.POST)
    if not form.is_valid():
        return _page(request, words_link, form=form, error=words_error(form), status=400)
    try:
        services.key_person_words_add(
            words_link=words_link, going_well=form.cleaned_data["going_well"], will_do=form.cleaned_data["will_do"]
        )
    except services.PlanError as refusal:
        return _page(request, words_link, form=form, error=str(refusal), status=400)
    case_services.link_used(link=words_link.link, event=Event.SENT, address_hash=address)
    messages.success(request, _("Thank you. Your words are in the plan."))
    return redirect(f"{request.path}#sent")
