"""What a person may know about the words in an assessment's parts: how many people have written, what is
waiting for the worker to add, who is still writing through a link, and how a professional's words are
labelled. Every count is of words the access policy lets this person read (and their own): a partner never
learns from a number that a young person wrote something she did not share with them. A draft's text is
never loaded for anyone but its writer; these read names and states only."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from cases import access
from cases.models import Case, NetworkMember

from .models import Contribution, Section
from .sections import Audience

DRAFT, SENT = Contribution.Status.DRAFT, Contribution.Status.SENT


@dataclass
class PartWords:
    """One part, as one person may know it."""

    writers: set = field(default_factory=set)  # who has written words this person may read (or their own)
    waiting: int = 0  # sent by the young person or family, not yet added by the worker
    # Family members still writing through a link (their names only), for the staff who read every
    # family member's words: {person: "Sarah (A parent or carer)"}.
    writing: dict = field(default_factory=dict)

    @property
    def writer_count(self) -> int:
        return len(self.writers)

    @property
    def writing_names(self) -> list[str]:
        return sorted(self.writing.values())


def _visible(user: User, case: Case) -> Q:
    """Words this person may know of: those the policy lets them read, their own, and, for the staff who
    read every family member's words, the family's drafts (by name and state only, never their text)."""
    reader = access.words_reader(user, case)
    visible = reader.condition() | Q(author=user)
    if reader.all_family:
        visible |= Q(author__isnull=True, status=DRAFT)
    return visible


def parts_words(user: User, case: Case, section: Section | None = None) -> dict[int, PartWords]:
    """Every part of the case's assessment (or one), by section id, in one query whatever the number of
    words."""
    words = Contribution.objects.filter(section=section) if section else Contribution.objects.all()
    rows = (
        words.filter(section__assessment__case=case)
        .filter(_visible(user, case))
        .exclude(text="")
        .values_list("pk", "section_id", "author_id", "contributor", "contributor_name", "status")
    )
    parts: dict[int, PartWords] = defaultdict(PartWords)
    seen = set()  # a relation in the policy's condition may give a row twice
    for pk, section_id, author_id, contributor, name, status in rows:
        if pk in seen:
            continue
        seen.add(pk)
        part = parts[section_id]
        family = author_id is None
        person = ("family", contributor, name) if family else ("staff", author_id)
        if family and status == DRAFT:
            who = f"{name} ({Audience(contributor).label})" if name else str(Audience(contributor).label)
            part.writing[person] = who
            continue
        part.writers.add(person)
        if family and status == SENT:
            part.waiting += 1
    return parts


def professional_label(author: User, case: Case, roles: dict[int, str]) -> str:
    """A professional's role on the case and their agency or team: "Police CSE officer, Greater Manchester
    Police", "Key worker, ACT Rochdale". `roles` holds partners' roles on the case (`partner_roles`)."""
    if author.pk == case.key_worker_id:
        role = _("Key worker")
    elif author.pk == case.plan_coordinator_id:
        role = _("Plan coordinator")
    elif author.pk in roles:
        role = roles[author.pk]
    else:
        role = author.job_title or author.get_role_display()
    place = author.agency or author.team
    return f"{role}, {place}" if place else str(role)


def partner_roles(case: Case, author_ids) -> dict[int, str]:
    """The role each of these people was given in the case's network (the latest, kept after removal), in
    one query."""
    members = (
        NetworkMember.objects.filter(case=case, user_id__in=list(author_ids))
        .exclude(relationship="")
        .order_by("added_at", "pk")
        .values_list("user_id", "relationship")
    )
    return dict(members)
