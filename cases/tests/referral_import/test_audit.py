"""Uploading, confirming and cancelling an import are recorded in the audit. An import belongs to no case:
the entry names it by its number and file name, and never by anything in its rows."""

import pytest
from django.urls import reverse

from cases import audit, services
from cases.models import AuditEvent, ReferralImport

from .helpers import Status, csv_text, row

Action = AuditEvent.Action


def changes_by(user) -> list[AuditEvent]:
    """The entries of what `user` did, oldest first (looking at pages is recorded too, and left out)."""
    return list(AuditEvent.objects.filter(user=user).exclude(action=Action.VIEW).order_by("pk"))


def test_uploading_a_file_is_recorded_against_the_import_and_no_case(send, manager):
    send(csv_text([row(1), row(2)]), name="referrals-may.csv")

    upload = ReferralImport.objects.get()
    [entry] = changes_by(manager)
    assert (entry.action, entry.case, entry.referral) == (Action.CREATE, None, None)
    assert entry.what == f"referral import {upload.pk} (referrals-may.csv): uploaded for checking"
    assert audit.verify_chain().intact


def test_no_entry_names_a_young_person_from_the_file(send, confirm, manager):
    send(csv_text([row(1, first_name="Destiny", last_name="Walker")]))
    confirm(ReferralImport.objects.get())

    whats = [entry.what for entry in changes_by(manager)]
    assert len(whats) == 2
    assert not any("Destiny" in what or "Walker" in what for what in whats)


def test_confirming_is_recorded_once_however_often_the_button_is_pressed(send, confirm, manager):
    send(csv_text([row(1)]))
    upload = ReferralImport.objects.get()

    confirm(upload)
    confirm(upload)

    upload.refresh_from_db()
    assert upload.status == Status.DONE
    entries = [entry for entry in changes_by(manager) if entry.action == Action.CHANGE]
    assert [entry.what for entry in entries] == [f"referral import {upload.pk} (referrals.csv): import confirmed"]
    assert entries[0].case is None and entries[0].referral is None


def test_choosing_to_import_only_the_good_rows_is_recorded(send, confirm, manager):
    send(csv_text([row(1), row(2, urgency="asap")]))
    upload = ReferralImport.objects.get()

    confirm(upload, {"only_good_rows": "on"})

    assert changes_by(manager)[-1].what.endswith("import confirmed, only the good rows")


def test_a_confirmation_the_form_refuses_records_no_change(send, confirm, manager):
    send(csv_text([row(1), row(2, urgency="asap")]))

    assert confirm(ReferralImport.objects.get()).status_code == 400

    assert [entry.action for entry in changes_by(manager)] == [Action.CREATE]


def test_cancelling_is_recorded(send, as_manager, manager):
    send(csv_text([row(1)]))
    upload = ReferralImport.objects.get()

    as_manager.post(reverse("referrals:import-cancel", args=[upload.pk]))

    entry = changes_by(manager)[-1]
    assert (entry.action, entry.case, entry.referral) == (Action.CHANGE, None, None)
    assert entry.what == f"referral import {upload.pk} (referrals.csv): cancelled, the file's text deleted"
    assert audit.verify_chain().intact


def test_a_cancel_that_comes_too_late_records_nothing(send, confirm, as_manager, manager):
    send(csv_text([row(1)]))
    upload = ReferralImport.objects.get()
    confirm(upload)
    before = len(changes_by(manager))

    response = as_manager.post(reverse("referrals:import-cancel", args=[upload.pk]), follow=True)

    assert "cannot be cancelled" in response.content.decode()
    assert len(changes_by(manager)) == before


@pytest.mark.parametrize("status", [Status.CHECKING, Status.IMPORTING, Status.DONE, Status.CANCELLED])
def test_only_a_checked_import_can_be_confirmed(manager, status):
    upload = ReferralImport.objects.create(team=manager.team, created_by=manager, file_name="a.csv", status=status)

    with pytest.raises(services.CaseError, match="already started or finished"):
        services.referral_import_confirm(upload=upload, only_good_rows=False, by=manager)

    upload.refresh_from_db()
    assert upload.status == status
    assert not changes_by(manager)


@pytest.mark.parametrize("status", [Status.IMPORTING, Status.DONE, Status.FAILED, Status.CANCELLED])
def test_an_import_whose_rows_are_being_imported_or_are_done_cannot_be_cancelled(manager, status):
    upload = ReferralImport.objects.create(
        team=manager.team, created_by=manager, file_name="a.csv", content="kept", status=status
    )

    with pytest.raises(services.CaseError, match="cannot be cancelled"):
        services.referral_import_cancel(upload=upload, by=manager)

    upload.refresh_from_db()
    assert (upload.status, upload.content) == (status, "kept")
    assert not changes_by(manager)


def test_a_long_file_name_is_shortened_so_the_entry_still_says_what_happened(send, manager):
    name = "x" * 240 + ".csv"
    send(csv_text([row(1)]), name=name)

    upload = ReferralImport.objects.get()
    what = changes_by(manager)[0].what
    assert upload.file_name == name
    assert what.startswith(f"referral import {upload.pk} (xxx") and what.endswith("…): uploaded for checking")
    assert len(what) <= AuditEvent._meta.get_field("what").max_length
