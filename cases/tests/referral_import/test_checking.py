"""Checking each row: every reason a row cannot be imported, with its line, and council references the
team already has or the file has twice."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cases import referral_import
from cases.models import Referral, ReferralImport
from cases.tests.factories import ReferralFactory

from .helpers import csv_text, detail_url, row


def test_bad_rows_are_reported_with_their_line_numbers_and_reasons(send, as_manager):
    rows = [
        row(1),
        row(2, date_of_birth="31/02/2012"),
        row(3, urgency="asap", referrer_contact=""),
        row(4, living_situation="in a tent", worries="football"),
        row(5, received_date=(timezone.localdate() + timedelta(days=3)).isoformat()),
        row(6, first_name="A" * 101),
        row(7, date_of_birth="3/4/12"),
    ]
    send(csv_text(rows))

    upload = ReferralImport.objects.get()
    problems = {p["line"]: p for p in upload.problems}
    assert sorted(problems) == [3, 4, 5, 6, 7, 8]
    assert upload.good_rows == 1
    assert problems[3]["reference"] == "CSC-000002"
    assert "date_of_birth: “31/02/2012” is not a real date" in problems[3]["message"]
    assert "referrer_contact is empty" in problems[4]["message"]
    assert "urgency: “asap” is not one of: routine, soon, urgent" in problems[4]["message"]
    assert "living_situation" in problems[5]["message"] and "“football” is not a worry" in problems[5]["message"]
    assert "received_date" in problems[6]["message"] and "in the future" in problems[6]["message"]
    assert "first_name: is 101 characters long" in problems[7]["message"]
    assert "four-digit year" in problems[8]["message"]

    page = as_manager.get(detail_url(upload)).content.decode()
    assert "Some rows in the file have problems" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">4</td>' in page
    assert "urgency: “asap” is not one of" in page


def test_a_council_reference_already_imported_for_the_team_is_a_bad_row(send, team, other_team):
    ReferralFactory(team=team, external_reference="CSC-000001", source=Referral.Source.IMPORT)
    ReferralFactory(team=other_team, external_reference="CSC-000002", source=Referral.Source.IMPORT)

    send(csv_text([row(1), row(2)]))

    upload = ReferralImport.objects.get()
    assert [p["line"] for p in upload.problems] == [2]
    assert "already imported" in upload.problems[0]["message"]
    assert upload.good_rows == 1


def test_a_council_reference_twice_in_the_file_is_imported_once(send, confirm):
    send(csv_text([row(1), row(2), row(1, first_name="Other")]))
    upload = ReferralImport.objects.get()
    assert upload.problems == [
        {"line": 4, "reference": "CSC-000001", "message": "council reference “CSC-000001” is also on line 2"}
    ]

    confirm(upload, {"only_good_rows": "on"})

    assert Referral.objects.filter(external_reference="CSC-000001").get().given_name == "Mia"


def test_uploading_the_same_file_again_imports_nothing_twice(send, confirm):
    text = csv_text([row(1), row(2)])
    send(text)
    confirm(ReferralImport.objects.get())

    send(text)

    again = ReferralImport.objects.latest("pk")
    assert again.good_rows == 0 and len(again.problems) == 2
    assert all("already imported" in p["message"] for p in again.problems)
    assert Referral.objects.count() == 2


def test_a_row_with_too_few_or_too_many_values_is_a_bad_row(send):
    text = csv_text([row(1)]) + "CSC-000002,01/01/2026,Mia\r\n" + csv_text([row(3)]).split("\r\n", 1)[1]
    text = text.rstrip("\r\n") + ",surprise\r\n"

    send(text)

    problems = {p["line"]: p["message"] for p in ReferralImport.objects.get().problems}
    assert problems == {
        3: "the row has 3 values but the first line names 18 columns",
        4: "the row has more values than the first line has column names",
    }


@pytest.mark.parametrize(
    "value,expected",
    [
        ("23/04/2012", date(2012, 4, 23)),
        ("3/4/2012", date(2012, 4, 3)),
        ("2012-04-23", date(2012, 4, 23)),
        ("23/04/2012 14:05", date(2012, 4, 23)),
        ("2012-04-23T14:05:00", date(2012, 4, 23)),
    ],
)
def test_dates_are_read_in_uk_and_iso_order(value, expected):
    assert referral_import.parse_date(value)[0] == expected


@pytest.mark.parametrize("value", ["04/23/2012", "23.04.2012", "next Tuesday", "2012-13-01", "23/04/12"])
def test_other_dates_are_refused(value):
    with pytest.raises(ValueError):
        referral_import.parse_date(value)


def test_a_date_of_birth_after_the_referral_was_received_is_a_bad_row(send):
    send(csv_text([row(1, received_date="01/01/2020", date_of_birth="02/02/2021")]))

    assert "date_of_birth is after received_date" in ReferralImport.objects.get().problems[0]["message"]


# One row on its own: no file, no database


def record(**changes) -> referral_import.Record:
    values = row(1, **changes)
    columns = len(referral_import.COLUMNS)
    return referral_import.Record(line=2, values=values, value_count=columns, column_count=columns)


def test_a_good_row_gives_the_referrals_fields_and_when_it_was_received():
    result = referral_import.check_record(record(received_date="23/04/2025 14:05"), today=date(2025, 5, 1))

    assert result.ok and result.line == 2 and result.reference == "CSC-000001"
    assert result.fields["given_name"] == "Mia" and result.fields["date_of_birth"] == date(2012, 4, 2)
    assert result.fields["worries"] == ["online", "older_peers"]
    assert "received_at" not in result.fields  # referral_create takes it on its own
    received = timezone.localtime(result.received_at)
    assert (received.date(), received.strftime("%H:%M")) == (date(2025, 4, 23), "14:05")


def test_a_date_received_without_a_time_is_the_start_of_the_working_day():
    result = referral_import.check_record(record(received_date="2025-04-23"), today=date(2025, 5, 1))

    assert timezone.localtime(result.received_at).strftime("%H:%M") == "09:00"


def test_a_bad_row_gets_every_reason_at_once_in_the_order_of_the_columns():
    bad = record(received_date="", date_of_birth="01/01/1899", urgency="asap", worries=";", going_well="")

    result = referral_import.check_record(bad, today=date(2025, 5, 1))

    assert result.errors == [
        "received_date is empty",
        "date_of_birth: “01/01/1899” is before 1900",
        "worries: give at least one worry",
        "urgency: “asap” is not one of: routine, soon, urgent",
    ]
    assert result.fields is None and result.received_at is None
