"""What a return home interview was told, when the worker restricted it, never leaves the case's restricted
readers: not the young person's own space (any of its pages), not the outcome export, not the plan's PDF
(either version)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.services import EpisodeFacts, InterviewFacts
from dashboards.space.pages import PAGES
from plans.pdf import plan_pdf_bytes
from plans.tests.pdf_helpers import destiny_plan, pdf_text

from .export_helpers import EXPORT_URL, export_form, months_ago
from .space_helpers import open_space

SAID = "Restricted words from the return home interview"
WITH = "An older male called Tee with a silver car"


def _episode_with_a_restricted_interview(case, key_worker):
    now = timezone.now()
    episode = services.timeline_add(
        case=case,
        by=key_worker,
        kind="missing",
        summary="Missing overnight",
        occurred_at=now - timedelta(days=2),
        returned_at=now - timedelta(days=1),
        where_found="A flat in Oldham",
    )
    services.episode_record(entry=episode, by=key_worker, facts=EpisodeFacts(with_others=WITH), with_cases=[])
    facts = InterviewFacts(
        offered_at=now - timedelta(hours=20),
        offered_by="Jo Bennett, ACT",
        accepted=True,
        done_at=now - timedelta(hours=19),
        said=SAID,
        said_restricted=True,
        push_factors="Restricted push factor words",
    )
    services.return_interview_record(entry=episode, by=key_worker, facts=facts)
    return episode


def test_restricted_interview_words_never_reach_the_young_person_s_space(client, case, key_worker):
    _episode_with_a_restricted_interview(case, key_worker)
    home, _link = open_space(client, case, key_worker)

    for page in PAGES:
        address = home if not page else reverse("shared-link-page", args=[home.strip("/").split("/")[-1], page])
        content = client.get(address).content.decode()
        assert SAID not in content and WITH not in content, page
        assert "Restricted push factor" not in content, page


def test_restricted_interview_words_never_reach_the_outcome_export(client_for, case, key_worker, manager):
    _episode_with_a_restricted_interview(case, key_worker)

    response = client_for(manager).post(EXPORT_URL, export_form(months_ago(11), months_ago(0)))

    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    for words in (SAID, WITH, "Restricted push factor", "Oldham", "Jo Bennett, ACT"):
        assert words.encode() not in content, words


def test_restricted_interview_words_never_reach_the_plan_s_pdf(case, key_worker):
    _episode_with_a_restricted_interview(case, key_worker)
    today = timezone.localdate()
    plan = destiny_plan(case, key_worker, today=today)

    for audience in ("family", "staff"):
        text = pdf_text(plan_pdf_bytes(plan=plan, audience=audience, today=today))
        assert SAID not in text and WITH not in text and "Restricted push factor" not in text, audience
