"""The page a shared link to a part of the assessment opens, for one person (registered with `cases`
as the purpose "section": the door, /s/<token>/, has found the link, checked that it works and asked for
its passcode before it calls `section_page`).

The person's words are saved as they type (and kept in the browser too, so a dropped connection or a
reload loses nothing) until they send them to their worker. The page names, from the access policy, who
will read what they send, and lets them choose which partner agencies on the case may read it too (none
unless they choose).
"""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases import access
from cases import services as case_services
from cases.models import LinkUse, Person, SharedLink
from cases.views.shared_links import not_working

from .. import services
from ..forms.shared import ShareForm, WordsForm, first_error
from ..models import Contribution, SectionLink
from ..sections import prompts_for

Event = LinkUse.Event


def section_page(request, shared: SharedLink, address: str):
    """The page of a working link to a section: its words, saved, sent, shared, or more of them."""
    link = services.section_link_of(shared)
    # Its section is gone, or the person close to the young person it was made for is no longer in their network.
    if link is None or (link.member is not None and link.member.removed_at is not None):
        return not_working(request)
    # The door's link, with the case it has already fetched: no second query for it.
    link.link = shared
    if request.method == "POST":
        if request.POST.get("action") == "share":
            return _share(request, link, address)
        if request.POST.get("action") == "more":
            return _write_more(request, link, address)
        return _save(request, link, address)
    return _page(request, link)


def _page(request, link, *, error=None, conflict=None, status=200):
    contribution = link.contribution
    prompts = prompts_for(link.section.kind, link.link.person)
    case = link.link.case
    worker = case.key_worker
    key_person = link.link.person == Person.KEY_PERSON
    # Someone close to the young person is not offered to share with partner agencies (record 22): what they
    # write is about the young person, and who else reads that is the young person's and family's choice.
    agencies = [] if key_person else access.partner_agencies_of(case)
    shared_now = services.contribution_shared_with(contribution)
    # Only a link behind a passcode shows words already sent: on one without, anyone who finds the phone
    # or the link could read them.
    private = bool(link.link.passcode_hash)
    before = services.sent_before(link)
    context = {
        "link": link,
        "contribution": contribution,
        "prompts": prompts,
        "questions": [(number, question) for number, question in enumerate(prompts.questions, start=1)],
        "name": link.link.person_name,
        "worker_name": worker.first_name if worker else _("your worker"),
        "worker_initial": worker.first_name[:1].upper() if worker and worker.first_name else "",
        "sent": contribution.status != Contribution.Status.DRAFT,
        "private": private,
        "sent_before": list(before.only("text", "sent_at")) if private else [],
        "sent_before_count": before.count() if not private else 0,
        "error": error,
        "conflict": conflict,
        "storage_key": f"act-words-{link.pk}",
        "key_person": key_person,
        "young_name": case.young_person.called,
        # Who reads what they send, from the policy; and who else may, if they choose.
        "readers": access.family_words_readers(link.link.case),
        "agencies": [
            {"pk": pk, "name": name, "people": people, "shared": pk in shared_now} for pk, name, people in agencies
        ],
    }
    return render(request, "assessments/shared_section.html", context, status=status)


def _refused(request, link, message: str, *, is_json: bool, status: int = 400):
    if is_json:
        return JsonResponse({"error": message}, status=status)
    return _page(request, link, error=message, status=status)


def _save(request, link, address):
    contribution = link.contribution
    form = WordsForm(request.POST)
    is_json = request.POST.get("action") == "autosave"
    if not form.is_valid():
        return _refused(request, link, first_error(form), is_json=is_json)
    action, text, version = form.cleaned_data["action"], form.cleaned_data["text"], form.cleaned_data["version"]
    if contribution.status != Contribution.Status.DRAFT:
        if is_json:
            return JsonResponse({"error": _("You have already sent this.")}, status=409)
        return redirect(request.path)
    label = link.link.who
    try:
        contribution = services.contribution_save(
            contribution=contribution, text=text, expected_version=version, label=label
        )
    except services.Conflict as clash:
        if is_json:
            return JsonResponse(
                {"conflict": True, "current": clash.current, "version": clash.current_version}, status=409
            )
        link.contribution = contribution
        return _page(request, link, conflict={"mine": text}, status=409)
    case_services.link_used(link=link.link, event=Event.SAVED, address_hash=address)
    if action == "send":
        if not contribution.text.strip():
            link.contribution = contribution
            return _page(request, link, error=_("Write something first, then send it."), status=400)
        services.contribution_send(contribution=contribution, label=label)
        case_services.link_used(link=link.link, event=Event.SENT, address_hash=address)
        return redirect(request.path)
    if is_json:
        return JsonResponse({"version": contribution.version, "saved": True})
    messages.success(request, _saved_message(link))
    return redirect(request.path)


def _saved_message(link: SectionLink) -> str:
    """What "Save for later" did, in words that are true for this link."""
    if link.link.passcode_hash:
        return _("Saved. Only you can see this until you send it: the page needs your passcode.")
    return _(
        "Saved. Nobody who works with you can see this until you send it. But anyone who has this link can "
        "open it, so keep the link to yourself."
    )


def _write_more(request, link, address):
    """After sending, they add more: new words of their own, sent separately when they are ready."""
    if link.contribution.status == Contribution.Status.DRAFT:
        return redirect(request.path)
    services.link_write_more(link=link)
    case_services.link_used(link=link.link, event=Event.MORE, address_hash=address)
    return redirect(f"{request.path}#words")


def _share(request, link, address):
    """Their choice of partner agencies that may read these words: recorded, and changeable at any time."""
    if link.link.person == Person.KEY_PERSON:
        return _page(
            request, link, error=_("Something in that could not be kept. Try again, or ask your worker."), status=400
        )
    agencies = access.partner_agencies_of(link.link.case)
    form = ShareForm(request.POST, agencies=agencies)
    if not form.is_valid():
        return _page(request, link, error=_("Choose from the people listed, or none."), status=400)
    label = link.link.who
    services.link_share(
        link=link,
        agency_ids=set(form.cleaned_data["agencies"]),
        allowed={pk for pk, _name, _people in agencies},
        label=label,
    )
    case_services.link_used(link=link.link, event=Event.SHARED, address_hash=address)
    return redirect(f"{request.path}#who-reads")
