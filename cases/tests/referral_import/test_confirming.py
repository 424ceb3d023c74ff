"""Nothing is imported until the manager confirms; a file with bad rows only when they choose to leave
them out; a cancelled import keeps nothing of the file."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from cases import tasks
from cases.models import Referral, ReferralImport
from cases.tests.factories import YoungPersonFactory

from .helpers import SAMPLE, YESTERDAY, Status, csv_text, detail_url, mark_importing, row


def test_a_good_file_is_checked_and_waits_for_the_managers_confirmation(send, manager):
    response = send(csv_text([row(1), row(2), row(3)]))

    upload = ReferralImport.objects.get()
    assert response["Location"] == detail_url(upload)
    assert upload.status == Status.CHECKED
    assert (upload.total_rows, upload.good_rows, upload.problems) == (3, 3, [])
    assert upload.team == manager.team and upload.created_by == manager
    assert not Referral.objects.exists()


def test_confirming_a_good_file_imports_every_row_as_a_referral(send, confirm, manager):
    send(csv_text([row(1), row(2, worries="Going missing; Online contact with adults", urgency="Urgent: today")]))
    upload = ReferralImport.objects.get()

    response = confirm(upload)

    assert response["Location"] == detail_url(upload)
    upload.refresh_from_db()
    assert upload.status == Status.DONE and upload.imported_rows == 2 and upload.finished_at
    first, second = Referral.objects.order_by("external_reference")
    assert first.source == Referral.Source.IMPORT and first.external_reference == "CSC-000001"
    assert first.team == manager.team and first.created_by == manager
    assert first.status == Referral.Status.WAITING
    assert (first.given_name, first.family_name, first.date_of_birth) == ("Mia", "Roberts1", date(2012, 4, 2))
    assert first.living_situation == "foster_care" and first.worries == ["online", "older_peers"]
    assert (first.young_person_knows, first.parent_knows, first.urgency) == ("yes", "not_sure", "soon")
    assert timezone.localtime(first.received_at).date() == YESTERDAY
    assert timezone.localtime(first.received_at).hour == 9
    assert second.worries == ["missing", "online"] and second.urgency == "urgent"


def test_the_summary_says_how_many_were_imported_and_links_to_the_referrals(send, confirm, as_manager):
    send(csv_text([row(1), row(2)]))
    upload = ReferralImport.objects.get()
    confirm(upload)

    page = as_manager.get(detail_url(upload)).content.decode()

    assert "Import complete" in page and "2 referrals imported" in page
    assert reverse("referrals:list") in page


def test_the_sample_file_in_the_docs_imports_without_a_problem(send, confirm):
    send(SAMPLE.read_bytes(), name="sample-referrals.csv")
    upload = ReferralImport.objects.get()
    assert upload.problems == [] and upload.good_rows == 5

    confirm(upload)

    assert Referral.objects.filter(source=Referral.Source.IMPORT).count() == 5
    zoe = Referral.objects.get(external_reference="CSC-2026-004817")
    assert zoe.given_name == "Zoë" and timezone.localtime(zoe.received_at).strftime("%H:%M") == "10:42"
    assert Referral.objects.get(external_reference="CSC-2026-004853").living_situation == "childrens_home"


def test_an_imported_referral_is_flagged_when_the_team_already_knows_the_young_person(send, confirm, team):
    known = YoungPersonFactory(team=team, given_name="Mia", family_name="Roberts1", date_of_birth=date(2012, 4, 2))
    send(csv_text([row(1)]))

    confirm(ReferralImport.objects.get())

    assert Referral.objects.get().possible_duplicate == known


def test_nothing_is_imported_while_any_row_is_bad(send, confirm):
    send(csv_text([row(1), row(2, urgency="asap"), row(3)]))
    upload = ReferralImport.objects.get()

    response = confirm(upload)

    assert response.status_code == 400
    assert "Tick the box to import only the good rows" in response.content.decode()
    upload.refresh_from_db()
    assert upload.status == Status.CHECKED
    assert not Referral.objects.exists()


def test_the_import_task_refuses_bad_rows_that_were_not_chosen_to_be_left_out(send):
    send(csv_text([row(1), row(2, urgency="asap")]))
    upload = ReferralImport.objects.get()
    mark_importing(upload)

    tasks.run_import(upload.pk)

    upload.refresh_from_db()
    assert upload.status == Status.FAILED
    assert not Referral.objects.exists()


def test_the_manager_can_choose_to_import_only_the_good_rows(send, confirm, as_manager):
    send(csv_text([row(1), row(2, urgency="asap"), row(3)]))
    upload = ReferralImport.objects.get()
    page = as_manager.get(detail_url(upload)).content.decode()
    assert "Import only the 2 good rows" in page
    assert f'action="{reverse("referrals:import-confirm", args=[upload.pk])}"' in page

    confirm(upload, {"only_good_rows": "on"})

    upload.refresh_from_db()
    assert upload.status == Status.DONE and upload.only_good_rows
    assert upload.imported_rows == 2
    assert sorted(Referral.objects.values_list("external_reference", flat=True)) == ["CSC-000001", "CSC-000003"]
    page = as_manager.get(detail_url(upload)).content.decode()
    assert "Rows not imported" in page and "CSC-000002" in page


def test_a_file_with_no_good_row_offers_nothing_to_import(send, confirm, as_manager):
    send(csv_text([row(1, urgency="asap")]))
    upload = ReferralImport.objects.get()

    page = as_manager.get(detail_url(upload)).content.decode()
    response = confirm(upload, {"only_good_rows": "on"})

    assert "No row in the file can be imported" in page and "Import only" not in page
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_confirming_twice_imports_once(send, confirm):
    send(csv_text([row(1)]))
    upload = ReferralImport.objects.get()

    confirm(upload)
    second = confirm(upload)

    assert second.status_code == 302
    assert Referral.objects.count() == 1


def test_cancelling_discards_the_file_and_imports_nothing(send, as_manager):
    send(csv_text([row(1)]))
    upload = ReferralImport.objects.get()

    response = as_manager.post(reverse("referrals:import-cancel", args=[upload.pk]))

    assert response["Location"] == reverse("referrals:import")
    upload.refresh_from_db()
    assert upload.status == Status.CANCELLED and upload.content == "" and upload.problems == []
    assert tasks.run_import(upload.pk) == {"imported": 0}
    assert not Referral.objects.exists()
    assert "Nothing was imported from this file" in as_manager.get(detail_url(upload)).content.decode()


def test_a_finished_import_cannot_be_cancelled(send, confirm, as_manager):
    send(csv_text([row(1)]))
    upload = ReferralImport.objects.get()
    confirm(upload)

    as_manager.post(reverse("referrals:import-cancel", args=[upload.pk]))

    upload.refresh_from_db()
    assert upload.status == Status.DONE and Referral.objects.count() == 1


def test_what_was_agreed_and_anything_else_are_imported_when_the_file_has_them(send, confirm):
    send(csv_text([row(1, consent="Agreed to meet ACT", anything_else="Text first"), row(2)]))
    confirm(ReferralImport.objects.get())
    first, second = Referral.objects.order_by("external_reference")
    assert (first.consent, first.anything_else) == ("Agreed to meet ACT", "Text first")
    assert (second.consent, second.anything_else) == ("", "")
