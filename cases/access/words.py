"""Who reads the words of a young person and their family, and who reads anyone's words on a case."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import User

from ..models import Case, CaseUserObjectPermission
from .case import CHANGE, VIEW, can_change, is_active, managed_team_id, team_managers

# The words of the young person and their family (written through a shared link, so with no author):
# - a draft is theirs alone until they send it: nobody else reads it, and it is never loaded for anyone;
# - once sent, the staff who may change the case read it (the key worker, the plan coordinator, the
#   team's managers);
# - a partner agency reads it only where the writer chose to share that part with that agency (a live
#   ContributionShare), and that choice can be withdrawn.
# Words written by staff and partners (with an author) are read by everyone who may see the case.


@dataclass(frozen=True)
class WordsReader:
    """Whose words one person may read on one case: the rule above, said once, as a condition on stored
    words (`condition`) and as a test of words kept elsewhere, such as a review's snapshot (`may_read`)."""

    active: bool
    all_family: bool  # staff who may change the case read every family member's sent words
    agency_id: int | None  # a partner reads those shared with their agency

    def condition(self, through: str = "") -> Q:
        """Stored words (contributions) this person may read. `through` ("contribution__") applies the rule
        through a relation: rows that hold no one's words there (the worker's judgement) are read by all."""
        if not self.active:
            return Q(pk__in=[])
        professional = Q(**{f"{through}author__isnull": False})
        family_sent = Q(**{f"{through}author__isnull": True}) & ~Q(**{f"{through}status": "draft"})
        if self.all_family:
            readable = professional | family_sent
        elif self.agency_id:
            shared = Q(
                **{f"{through}shares__agency_id": self.agency_id, f"{through}shares__withdrawn_at__isnull": True}
            )
            readable = professional | (family_sent & shared)
        else:
            readable = professional
        if through:
            readable |= Q(**{f"{through.removesuffix('__')}__isnull": True})
        return readable

    def may_read(self, *, family: bool, shared_with=()) -> bool:
        """Sent words kept elsewhere than a contribution: a professional's (`family` false), or a young person's
        or family member's shared with the partner agencies `shared_with`."""
        if not self.active:
            return False
        return not family or self.all_family or (self.agency_id is not None and self.agency_id in set(shared_with))


def words_reader(user: User, case: Case) -> WordsReader:
    if not is_active(user):
        return WordsReader(active=False, all_family=False, agency_id=None)
    all_family = can_change(user, case)
    agency_id = user.agency_id if user.is_partner and not all_family else None
    return WordsReader(active=True, all_family=all_family, agency_id=agency_id)


def readable_words(user: User, case: Case, words: QuerySet, *, through: str = "") -> QuerySet:
    """The words in `words` (contributions to `case`, or rows that point at them `through` a relation) this
    person may read. A draft of the family's is never among them, so its text is never loaded for anyone."""
    return words.filter(words_reader(user, case).condition(through))


@dataclass(frozen=True)
class Reader:
    """Someone who can read what a young person or family member sends, in plain words."""

    name: str
    role: str
    # One of the team's managers (who read every feedback answer's words, `may_read_all_feedback_words`).
    manager: bool = False


def family_words_readers(case: Case) -> list[Reader]:
    """Everyone who can read what a young person or family member sends on this case, whatever they
    choose: exactly the people this policy lets change the case (so the page that tells them is true)."""
    granted = CaseUserObjectPermission.objects.filter(content_object=case, permission__codename=CHANGE)
    people = list(User.objects.filter(pk__in=granted.values("user_id"), is_active=True))
    people += [m for m in team_managers(case.team_id) if m.pk not in {p.pk for p in people}]
    worker = case.key_worker
    readers = []
    for person in sorted(people, key=lambda p: (p.pk != case.key_worker_id, p.is_manager, p.first_name)):
        if person.pk == case.key_worker_id:
            role = _("your worker")
        elif person.pk == case.plan_coordinator_id:
            role = _("helps organise your plan")
        elif person.is_manager and worker:
            role = _("manages %(worker)s’s team") % {"worker": worker.first_name}
        elif person.is_manager:
            role = _("manages the team")
        else:
            role = _("works with you")
        readers.append(Reader(name=person.get_full_name() or person.username, role=role, manager=person.is_manager))
    return readers


def may_read_all_feedback_words(user: User, case: Case) -> bool:
    """Whether this person reads the words of every feedback answer on the case ("what would make it
    better?"), not only those whose writer chose to let their worker read them: the case's team's managers,
    to whom feedback on the service goes. Decided from the user alone, so a list of many cases asks nothing
    more of the database."""
    team_id = managed_team_id(user)
    return team_id is not None and team_id == case.team_id


def plan_readers(case: Case) -> list[Reader]:
    """Everyone who can read a young person's plan (what they rate and add to it included): everyone who
    may see the case, so the partner agencies' workers on it too, named with their agency."""
    readers = family_words_readers(case)
    for _pk, agency, people in partner_agencies_of(case):
        readers += [Reader(name=name, role=_("from %(agency)s") % {"agency": agency}) for name in people]
    return readers


def partner_agencies_of(case: Case) -> list[tuple[int, str, list[str]]]:
    """The partner agencies whose workers can see this case, with those workers' names: a young person
    or family member may choose to let an agency read what they wrote. (agency id, name, people)"""
    granted = CaseUserObjectPermission.objects.filter(content_object=case, permission__codename=VIEW)
    partners = (
        User.objects.filter(pk__in=granted.values("user_id"), role=User.Role.PARTNER, is_active=True)
        .select_related("agency")
        .order_by("agency__name", "first_name")
    )
    agencies: dict[int, tuple[str, list[str]]] = {}
    for partner in partners:
        agency = partner.agency
        assert agency is not None, "a partner has an agency (the partner_has_agency constraint)"
        agencies.setdefault(agency.pk, (agency.name, []))[1].append(partner.get_full_name() or partner.username)
    return [(pk, name, people) for pk, (name, people) in agencies.items()]
