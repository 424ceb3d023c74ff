"""What the hostile-input tests type: text, dates and numbers as an attacker, a broken client or a very
unusual name would send them, and the settings the tests run with.

Two profiles, chosen by the environment variable HYPOTHESIS_PROFILE:
- `hostile` (the default, part of every test run): ten inputs per form, the same on every run, so that
  the suite stays fast and a failure can be run again (each input is a few requests and the pages that
  show what it saved: 25 per form made these tests a third of the suite's time);
- `fuzz` (`make fuzz`): many more, different on every run; an input that fails is kept in
  var/hypothesis and tried first next time.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings as django_settings
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

settings.register_profile(
    "hostile",
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    # The database is rolled back after each input (see checks.undone), so function-scoped fixtures
    # (the people, the case) are the same for every input.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    parent=settings.get_profile("hostile"),
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "400")),
    derandomize=False,
    database=DirectoryBasedExampleDatabase(Path(django_settings.BASE_DIR) / "var" / "hypothesis"),
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "hostile")
# Each test says `@HOSTILE` under its `@given`: the profile applies to these tests only.
HOSTILE = settings.get_profile(PROFILE)

MISSING = object()  # a field left out of the submission altogether


# Text

SCRIPT = "<script>alert(1)</script>"
# Evaluated as a template, these would show the words on the right: a page that does is rendering input
# as a template.
TEMPLATE_MARKERS = {
    '{{ "evaluated"|add:"-twice" }}': "evaluated-twice",
    "{% filter upper %}evaluated-template{% endfilter %}": "EVALUATED-TEMPLATE",
}
PAYLOADS = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    '" autofocus onfocus="alert(1)',
    "javascript:alert(1)",
    "]]><script>alert(1)</script><![CDATA[",
    "<!--",
    "-->",
    *TEMPLATE_MARKERS,
    "{% debug %}",
    "{{ request.user.password }}",
    "{% csrf_token %}{{",
    "%s %(name)s %d {0} {} {name}",
    "&amp; &lt;b&gt; &#0; &#x27;",
    '=HYPERLINK("http://example.com","click")',
    "@SUM(1+1)",
    "+44 7700 900123",
    "-1",
    "Robert'); DROP TABLE cases_case;--",
    "\x00",
    "a\x00b",
    "\u202egnp.exe",  # right-to-left override
    "\u200b\u200c\u200d\u2060\ufeff",  # zero-width
    "e\u0301" * 40,  # combining marks
    "\u0301\u0302\u0303",  # combining marks with nothing to combine with
    "Z\u0334\u0321\u031b\u0316\u034e\u031d\u032a\u033d\u0306\u030f\u0303\u0300algo",
    "😀👩‍👩‍👧‍👦🏳️‍🌈",
    "\U0010ffff\U000e0001\U000f0000",  # the highest code points
    "\ufffe\uffff",  # non-characters
    "\r\n\r\n",
    "line one\nline two",
    "\t\x0b\x0c\x1b[31m\x7f\x85\u2028\u2029",
    "İstanbul ß ﬃ ǅ",  # change length when the case changes
    "ﷺ" * 10,
    "١٢٣ ３ 𝟙",  # digits that are not ASCII
    "../../etc/passwd",
    "%00 %3Cscript%3E",
    " " * 50,
]
LONG = [99, 100, 101, 150, 151, 200, 201, 300, 301, 2001, 5001, 10_001, 20_001]


def _long(char: str, length: int) -> str:
    return (char * length)[:length]


long_text = st.builds(_long, st.sampled_from(["a", "é", "😀", "\u0301", "<", " x"]), st.sampled_from(LONG))
hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=40),  # anything at all (no surrogates: those cannot be sent as UTF-8)
    st.tuples(st.text(max_size=4), st.sampled_from(PAYLOADS), st.text(max_size=4)).map("".join),
    st.lists(st.sampled_from(PAYLOADS), min_size=2, max_size=4).map(" ".join),
    long_text,
)
# A value sent more than once under the same name, as a broken or hostile client may.
repeated = st.lists(hostile_text, min_size=2, max_size=3)
# Markup a form accepts as it is (no NUL, not too long): what most saved inputs carry, so that the pages
# showing them are checked with markup in them.
markup = st.sampled_from([p for p in PAYLOADS if "\x00" not in p and p.strip() and len(p) <= 100])


# Numbers and dates, as typed

NUMBERS = [
    "0",
    "-1",
    "1",
    "6",
    "26",
    "27",
    "90",
    "91",
    "1e5",
    "1.0",
    "1.5",
    "10**30",
    str(10**30),
    str(-(10**30)),
    "9" * 400,
    "9" * 5000,
    "١٤",  # Arabic-Indic digits
    "１４",  # full-width digits
    "²",
    "NaN",
    "inf",
    "-0",
    "+3",
    " 6 ",
    "0x10",
    "6\x00",
    "",
    "Ⅻ",
]
hostile_number = st.one_of(
    st.sampled_from(NUMBERS), st.integers(min_value=-(2**70), max_value=2**70).map(str), hostile_text
)

DAYS = ["31", "30", "29", "0", "00", "32", "-1", "1e5", str(10**30), "٣١", "３１", "7.0", " 7 ", "7\n", "", "\x00"]
MONTHS = ["2", "02", "13", "0", "-2", "١٢", "feb", "February", ""]
YEARS = ["0", "0000", "1", "99", "1899", "1900", "2000", "2011", "9999", "10000", str(10**30), "-2011", "٢٠١١", ""]


def date_fields(name: str, parts) -> dict:
    """The three boxes of a GOV.UK date input, named as the form expects them."""
    if parts is MISSING:
        return {}
    if isinstance(parts, list):
        return {f"{name}_0": parts}
    return {f"{name}_{i}": part for i, part in enumerate(parts)}


# Fields. Each says what a valid value is and what a hostile one is; `form` draws a whole submission.


@dataclass(frozen=True)
class Field:
    valid: st.SearchStrategy
    hostile: st.SearchStrategy


def bad(hostile) -> st.SearchStrategy:
    return st.one_of(hostile, repeated, st.just(MISSING))


def text(valid: str = "", *, limit: int = 100, exact: bool = False) -> Field:
    """A box for words. Even its valid values carry markup and odd characters, added to `valid` (so a
    required box stays filled) and cut to `limit` (the box's most); unless `exact` (a username, an email
    address: anything added makes it wrong)."""
    if exact:
        return Field(st.just(valid), bad(hostile_text))
    with_markup = st.tuples(markup, st.booleans()).map(
        lambda drawn: (f"{valid} {drawn[0]}" if drawn[1] else f"{drawn[0]} {valid}").strip()[:limit]
    )
    return Field(st.one_of(st.just(valid), with_markup), bad(hostile_text))


def choice(valid: list[str]) -> Field:
    return Field(st.sampled_from(valid), bad(st.one_of(hostile_text, st.sampled_from(["", "0", "None"]))))


def number(valid: str) -> Field:
    return Field(st.just(valid), bad(hostile_number))


def pick(*names: str) -> Field:
    """One of the objects named (turned into its pk by `chosen`), or any hostile id."""
    return Field(st.sampled_from(names), bad(hostile_number))


def tick(valid=MISSING) -> Field:
    """A checkbox: ticked ("on") or not (left out)."""
    return Field(st.sampled_from([MISSING, "on"]) if valid is MISSING else st.just(valid), bad(hostile_text))


def date_parts(valid: tuple[str, str, str]) -> Field:
    """The day, month and year boxes: a real date, or any mixture of impossible ones (31 February,
    year 0, 10**30, "1e5", digits that are not ASCII...)."""
    day = st.one_of(st.sampled_from(DAYS), hostile_number)
    month = st.one_of(st.sampled_from(MONTHS), hostile_number)
    year = st.one_of(st.sampled_from(YEARS), hostile_number)
    return Field(st.just(valid), bad(st.tuples(day, month, year)))


def form(**fields: Field) -> st.SearchStrategy[dict]:
    """A whole submission: about one in three with every field valid (words still carry markup), the
    others with a few fields (any number, usually a handful) hostile, so that many are saved and shown,
    and each hostile value is tried alongside valid ones. Shrinks towards everything valid, so a failure
    names only the fields that cause it."""
    names = list(fields)
    some = st.sets(st.sampled_from(names), min_size=1, max_size=len(names))

    @st.composite
    def submission(draw):
        broken = draw(st.one_of(st.just(frozenset()), some, some))
        return {name: draw(field.hostile if name in broken else field.valid) for name, field in fields.items()}

    return submission()


def with_dates(data: dict, *names: str) -> dict:
    """The drawn dates (tuples of boxes) as the form's three fields each."""
    data = dict(data)
    for name in names:
        data.update(date_fields(name, data.pop(name)))
    return data


def without_missing(data: dict) -> dict:
    return {name: value for name, value in data.items() if value is not MISSING}


def chosen(pick, values: dict):
    """A drawn pick: the value it names in `values` (an object's pk, as a form sends it), or itself
    when it is something hostile."""
    if isinstance(pick, str) and pick in values:
        return str(values[pick])
    return pick
