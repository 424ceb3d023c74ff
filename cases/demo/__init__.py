"""Demo cases: the three personas of the co-design report (Destiny 15, Lily 17, Emily 13) with their
networks and a few timeline entries, Destiny's own image, the referrals Destiny's and Emily's cases came from
(accepted), one case of another team, and two referrals waiting. The data is in `people` and `referrals`; `seed`
puts it in."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import Team, User

from .. import services
from ..models import Case, CaseLink, Consent, LivingSituation, Referral, TimelineEntry, YoungPerson
from .people import DESTINYS_IMAGE, NETWORKS, PERSONAS, years_ago
from .referrals import DESTINYS_REFERRAL, EMILYS_REFERRAL, accepted_referral, waiting_referrals


def _team_of(person: User) -> Team:
    """The demo's workers and manager all belong to a team (accounts/demo.py); partners and the
    administrator do not, and have no case or referral to make."""
    if person.team is None:
        raise ValueError(f"the demo's {person.username} has no team")
    return person.team


def _case(key: str, key_worker: User) -> Case:
    details = PERSONAS[key]
    team = _team_of(key_worker)
    young_person = YoungPerson.objects.filter(
        team=team, given_name=details["given_name"], family_name=details["family_name"]
    ).first()
    if young_person is None:
        young_person = YoungPerson.objects.create(team=team, **details)
    case = young_person.cases.first()
    if case is None:
        case = services.case_create(young_person=young_person, team=team, key_worker=key_worker, by=None)
    elif case.key_worker_id != key_worker.pk:
        services.case_allocate(case=case, worker=key_worker, by=None)
    return case


def _network(case: Case, key: str) -> None:
    if case.network.exists():
        return
    for kind, name, relationship, agency, closeness, view in NETWORKS[key]:
        services.network_add(
            case=case,
            by=None,
            kind=kind,
            name=name,
            relationship=relationship,
            agency=agency,
            closeness=closeness,
            young_persons_view=view,
        )


def _timeline(case: Case, author: User, entries: list[dict]) -> None:
    if case.timeline.exists():
        return
    for fields in entries:
        services.timeline_add(case=case, by=author, **fields)


def _consents(cases: dict[str, Case], now) -> None:
    """What each agreed to share, recorded when their cases opened; Emily's dad left out her school."""
    for key, given_by, excludes in (
        ("destiny", Consent.GivenBy.BOTH, []),
        ("lily", Consent.GivenBy.YOUNG_PERSON, []),
        ("emily", Consent.GivenBy.PARENT_CARER, ["school"]),
    ):
        if not cases[key].consents.exists():
            services.consent_record(
                case=cases[key],
                basis=Consent.Basis.CONSENT,
                given_by=given_by,
                given_on=(now - timedelta(weeks=9)).date(),
                excludes=excludes,
                by=cases[key].key_worker,
            )


def seed(people: dict[str, User]) -> dict[str, Case]:
    now = timezone.now()
    worker, worker2, manager = people["worker"], people["worker2"], people["manager"]
    cases = {
        "destiny": _case("destiny", worker),
        "emily": _case("emily", worker),
        "lily": _case("lily", worker2),
    }
    outsider_yp = YoungPerson.objects.get_or_create(
        team=_team_of(people["outsider"]),
        given_name="Jordan",
        family_name="Price",
        defaults={"date_of_birth": years_ago(14), "living_situation": LivingSituation.FAMILY},
    )[0]
    cases["jordan"] = outsider_yp.cases.first() or services.case_create(
        young_person=outsider_yp, team=outsider_yp.team, key_worker=people["outsider"], by=None
    )

    destiny, lily, emily = cases["destiny"], cases["lily"], cases["emily"]
    if destiny.plan_coordinator_id is None:
        services.case_update_people(
            case=destiny,
            social_worker_name="Rachel Green",
            social_worker_contact="rachel.green@council.example",
            coordinator=people["coordinator"],
            by=manager,
        )
        services.case_change_stage(case=destiny, stage="assessment", by=worker, reason="Getting on well")
    for key in ("destiny", "lily", "emily"):
        _network(cases[key], key)
    if destiny.young_person.look is None:
        services.appearance_save(young_person=destiny.young_person, choices=DESTINYS_IMAGE, by=worker)
    _consents(cases, now)
    if not destiny.network.filter(user=people["partner"]).exists():
        services.case_add_partner(
            case=destiny, partner=people["partner"], contribute=True, by=manager, role="Police CSE officer"
        )
    if not CaseLink.objects.filter(case_a=min(destiny, lily, key=lambda c: c.pk)).exists():
        services.case_link(case=destiny, other=lily, reason="Friends who often go missing together", by=manager)

    _timeline(
        destiny,
        worker,
        [
            # First met nine weeks ago: her first meeting about what she wants (the Ambitions meeting) was held
            # within the eight weeks that follow (plans' demo).
            dict(
                kind="contact",
                occurred_at=now - timedelta(weeks=9),
                summary="First meeting, at the children's home",
                method="visit",
                seen_alone=False,
                their_words="You can stay for one drink.",
            ),
            dict(
                kind="contact",
                occurred_at=now - timedelta(days=9),
                summary="Milkshake at the retail park",
                method="visit",
                seen_alone=True,
                their_words="I don't want to talk about the weekend. Maybe next time.",
            ),
            # Back 52 hours ago: her return home interview is due within the day, so the reminders' first run
            # tells her worker (who was told when the return was recorded, too).
            dict(
                kind="missing",
                occurred_at=now - timedelta(days=3),
                returned_at=now - timedelta(hours=52),
                summary="Missing overnight with Lily",
                where_found="A flat in Oldham, with older males",
            ),
            dict(
                kind="event",
                occurred_at=now - timedelta(days=1),
                summary="Strategy discussion held",
                details="Agreed a My Safety Plan meeting within the week.",
            ),
        ],
    )
    if not destiny.timeline.filter(restricted=True).exists():
        services.timeline_add(
            case=destiny,
            by=people["partner"],
            kind="event",
            occurred_at=now - timedelta(hours=20),
            summary="Intelligence: vehicle seen near the children's home",
            restricted=True,
            details="Registration shared with the ACT key worker. Not for wider circulation.",
        )
    _timeline(
        lily,
        worker2,
        [
            dict(
                kind="contact",
                occurred_at=now - timedelta(days=4),
                summary="Phone call",
                method="call",
                seen_alone=True,
                their_words="Only if you're not going to lecture me.",
            ),
            dict(
                kind="missing",
                occurred_at=now - timedelta(days=3),
                returned_at=now - timedelta(hours=52),
                summary="Missing overnight with Destiny",
                where_found="Came back to her flat in the morning",
            ),
        ],
    )
    _timeline(
        emily,
        worker,
        [
            # First met nine weeks ago, and no meeting about what she wants held since: her case is flagged.
            dict(
                kind="contact",
                occurred_at=now - timedelta(weeks=9),
                summary="First visit at home, with her dad",
                method="visit",
                seen_alone=False,
                their_words="I don't need anyone.",
            ),
            dict(
                kind="contact",
                occurred_at=now - timedelta(days=6),
                summary="Lunchtime at school",
                method="meeting",
                seen_alone=True,
                their_words="Chess was good. Home is rubbish.",
            ),
            dict(kind="event", occurred_at=now - timedelta(days=3), summary="Referred to young carers group"),
        ],
    )
    # Lily's interview was held two hours ago, recorded through the service, so what her worker was told
    # about it is done.
    for entry in TimelineEntry.objects.filter(case=lily, kind="missing", return_interview_done_at__isnull=True):
        services.return_interview_done(entry=entry, done_at=now - timedelta(hours=2), by=worker2)

    team = _team_of(manager)
    accepted_referral(destiny, "destiny", manager, received_at=now - timedelta(weeks=10), fields=DESTINYS_REFERRAL)
    accepted_referral(emily, "emily", manager, received_at=now - timedelta(weeks=10), fields=EMILYS_REFERRAL)
    if not Referral.objects.filter(team=team, status=Referral.Status.WAITING).exists():
        for received_at, fields in waiting_referrals(now):
            services.referral_create(team=team, by=None, received_at=received_at, fields=fields)
    return cases
