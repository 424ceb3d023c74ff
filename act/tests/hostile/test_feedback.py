"""Hostile input to asking: the check-in and feedback rhythm forms (how often, the day, the hours, how, the
address, the parent's name) and "Mark what I did" on a low check-in, then the pages that show them."""

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from feedback.models import CheckIn, CheckInAlert
from feedback.services import check_in_record

from .checks import assert_shown, attempt
from .inputs import HOSTILE, choice, form, number, text, tick

WHEN = {
    "weekday": choice([str(n) for n in range(7)]),
    "earliest": choice(["16:00", "9am", "midday", "07.30"]),
    "latest": choice(["20:00", "9pm", "23:59"]),
    "channel": choice(["none", "email"]),
    "address": text("them@example.org", exact=True),
}
FORMS = {
    "feedback:check-in-rhythm": form(every_days=choice(["7", "14", "28"]), **WHEN),
    "feedback:feedback-rhythm-new": form(
        person=choice(["young_person", "parent_carer"]),
        name=text("Lorraine", limit=150),
        every_days=number("42"),
        after_meetings=tick(),
        **WHEN,
    ),
}


@given(name=st.sampled_from(sorted(FORMS)), data=st.data())
@HOSTILE
def test_the_rhythm_forms(key_worker, case, name, data):
    drawn = data.draw(FORMS[name])
    with attempt(name, key_worker) as visitor:
        response = visitor.submit(reverse(name, args=[case.pk]), drawn)
        if response.status_code == 302:
            page = visitor.get(reverse("feedback:case-rhythms", args=[case.pk]))
            name = drawn.get("name")
            if drawn.get("person") == "parent_carer" and isinstance(name, str):
                assert_shown(page, name.strip())


@given(drawn=form(what_was_done=text("Rang her the same evening", limit=2000)))
@HOSTILE
def test_mark_what_i_did(key_worker, case, drawn):
    with attempt("feedback:alert-handled", key_worker) as visitor:
        scores = {**dict.fromkeys(CheckIn.MEASURES, 3), "mood": 1}
        check_in_record(
            case=case, person="young_person", scores=scores, anything_else="", request=None, entered_by=None
        )
        alert = CheckInAlert.objects.get(case=case)
        data = {f"alert-{alert.pk}-{field}": value for field, value in drawn.items()}
        response = visitor.submit(reverse("feedback:alert-handled", args=[case.pk, alert.pk]), data)
        done = drawn["what_was_done"]
        if response.status_code == 302:
            page = visitor.get(reverse("feedback:case-alerts", args=[case.pk]))
            # Shown line by line (a new line is a <br>); a field sent twice is read as its last value.
            for line in (done[-1] if isinstance(done, list) else done).strip().splitlines():
                assert_shown(page, line)
