"""Access to referrals, which come before a case exists, and to the files of referrals imported."""

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User

from ..models import Case, Referral, ReferralImport
from .case import VIEW, _ids, access_to, is_active, managed_team_id, manages_a_team

# Referrals come before a case exists: the managers of the receiving team see them all (they decide);
# whoever made a referral sees that one (to know what happened to it). Once a referral has a case, it is
# part of the case's record: anyone who may see the case sees its referral too, and the referrer's words
# on it are read like a restricted entry of the case (`may_read_referral_words`).


def visible_referrals(user: User) -> QuerySet[Referral]:
    if not is_active(user):
        return Referral.objects.none()
    condition = Q(created_by=user) | Q(case_id__in=_ids(user, VIEW))
    team_id = managed_team_id(user)
    if team_id is not None:
        condition |= Q(team_id=team_id)
    return Referral.objects.filter(condition)


def get_referral_for_view(user: User, pk) -> Referral:
    referral = visible_referrals(user).filter(pk=pk).select_related("team", "case", "possible_duplicate").first()
    if referral is None:
        raise Http404("No such referral.")
    return referral


def may_read_referral_words(user: User, referral: Referral) -> bool:
    """Whether this person reads what the referrer wrote (the worries in their words, what is going well,
    what the family agreed to, anything else, and how to reach the referrer), as well as the referral's
    outline. The same people as a case's restricted entries: the team's managers, the key worker of the
    referral's case, and whoever wrote it (the referrer). Anyone else who may see the case (a partner in
    its network, the plan coordinator) sees the outline: when, from which agency, the kinds of worry, the
    urgency and the decision."""
    if not is_active(user):
        return False
    if referral.created_by_id == user.pk or managed_team_id(user) == referral.team_id:
        return True
    return referral.case is not None and referral.case.key_worker_id == user.pk


def case_referrals(user: User, case: Case) -> list[Referral]:
    """The accepted referrals that brought this case (usually one; a second when the young person was
    referred again while the case was open), oldest first, for anyone who may see the case; anyone else
    gets none. Each carries `words_readable`: whether this person reads what the referrer wrote, by the
    same rule as the referral's own page (`may_read_referral_words`), decided without a further query."""
    if not access_to(user, case).may_view:
        return []
    referrals = list(Referral.objects.filter(case=case, status=Referral.Status.ACCEPTED).order_by("received_at", "pk"))
    for referral in referrals:
        referral.case = case
        referral.words_readable = may_read_referral_words(user, referral)
    return referrals


def get_referral_for_decision(user: User, pk) -> Referral:
    team_id = managed_team_id(user)
    if team_id is None:
        raise Http404("No such referral.")
    referral = Referral.objects.filter(pk=pk, team_id=team_id).select_related("team", "possible_duplicate").first()
    if referral is None:
        raise Http404("No such referral.")
    return referral


def may_decide_referrals(user: User) -> bool:
    return manages_a_team(user)


def get_import_for_manager(user: User, pk):
    """A referral import, to the managers of its team (they decide referrals); 404 to anyone else."""
    team_id = managed_team_id(user)
    if team_id is None:
        raise Http404("No such import.")
    # The file's text can be megabytes: only the page that reads it loads it.
    found = ReferralImport.objects.filter(pk=pk, team_id=team_id).defer("content").first()
    if found is None:
        raise Http404("No such import.")
    return found
