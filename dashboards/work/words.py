"""My work's new words from young people and families: only from the cases the person may change (the people
who read a family's sent words, as `access.words_reader` says), and never a draft."""

from datetime import datetime

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from assessments.models import Contribution
from cases.models import NetworkChange
from plans.models import KeyPersonWords, Meeting

from .mine import MEETING_FIELDS, NEW_FOR, SHOWN, Item, Mine, case_url


def _contributions(mine: Mine) -> list[Item]:
    """Parts of the assessment the young person or their family sent, not yet added (never a draft)."""
    found = (
        Contribution.objects.filter(
            author__isnull=True, status=Contribution.Status.SENT, section__assessment__case_id__in=mine.changeable_ids
        )
        .defer("text")
        .select_related("section")
        .annotate(of_case=F("section__assessment__case_id"))
    )
    return [
        Item(
            _("Sent their words for “%(section)s”") % {"section": words.section},
            mine.cases[words.of_case],
            words.sent_at or words.updated_at,
            case_url("assessments:section", words.of_case, words.section.kind),
            detail=words.who,
        )
        for words in found.order_by("-sent_at", "-pk")[:SHOWN]
    ]


def _key_person_words(mine: Mine, now: datetime) -> list[Item]:
    found = (
        KeyPersonWords.objects.live()
        .filter(plan__case_id__in=mine.changeable_ids, created_at__gte=now - NEW_FOR)
        .annotate(of_case=F("plan__case_id"))
    )
    return [
        Item(
            _("Added their words to the plan"),
            mine.cases[words.of_case],
            words.created_at,
            case_url("plans:plan", words.of_case),
            detail=words.name,
        )
        for words in found.order_by("-created_at", "-pk")[:SHOWN]
    ]


def _change_words(change: NetworkChange) -> str:
    name = {"name": change.member.name, "after": change.after_words}
    if change.what == NetworkChange.What.ADDED:
        return _("Added %(name)s to their people") % name
    if change.what == NetworkChange.What.UNSAFE:
        if change.after == "yes":
            return _("Said %(name)s makes them feel unsafe") % name
        return _("Said %(name)s no longer makes them feel unsafe") % name
    return _("Changed how close %(name)s is: %(after)s") % name


def _network_changes(mine: Mine) -> list[Item]:
    found = NetworkChange.objects.filter(case_id__in=mine.changeable_ids, seen_at__isnull=True).select_related("member")
    return [
        Item(
            _change_words(change),
            mine.cases[change.case_id],
            change.at,
            case_url("cases:network", change.case_id) + "#their-changes",
            detail=str(change.get_person_display()),
        )
        for change in found.order_by("-at", "-pk")[:SHOWN]
    ]


def _meeting_choices(mine: Mine, now: datetime) -> list[Item]:
    found = Meeting.objects.filter(
        case_id__in=mine.changeable_ids, status=Meeting.Status.PLANNED, choices_at__gte=now - NEW_FOR
    )
    return [
        Item(
            _("Made their choices for the %(meeting)s") % {"meeting": meeting},
            mine.cases[meeting.case_id],
            meeting.choices_at,
            case_url("plans:meeting", meeting.case_id, meeting.pk),
            detail=meeting.choices_by or mine.cases[meeting.case_id].young_person.called,
        )
        for meeting in found.only(*MEETING_FIELDS).order_by("-choices_at", "-pk")[:SHOWN]
        if meeting.choices_at is not None
    ]


def new_words(user: User, *, mine: Mine | None = None) -> list[Item]:
    """New words from young people and families on the cases whose family's words they read: newest first.
    `mine`: their cases, when the page has found them already."""
    mine = mine if mine is not None else Mine.find(user)
    now = timezone.now()
    items = _contributions(mine) + _key_person_words(mine, now) + _network_changes(mine)
    items += _meeting_choices(mine, now)
    return sorted(items, key=lambda item: item.when, reverse=True)
