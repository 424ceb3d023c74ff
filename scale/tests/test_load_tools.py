"""The load test's own tools: its report from locust's statistics, its mail server, and its counts of emails
against the notifications owed one."""

import json
from datetime import timedelta

from django.core import mail
from django.core.mail import get_connection, send_mail
from django.utils import timezone

from accounts.notifications import Message, deliver_emails, notify
from scale.load import counts, report
from scale.load.own import MailServer

STATS = """Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,\
Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%
GET,case overview,100,0,120,130,50,900,20000,3.3,0.0,120,130,140,150,200,420,600,800,900,900,900
POST,timeline add (save),10,1,60,70,40,600,0,0.3,0.03,60,70,80,90,100,650,650,650,650,650,650
,Aggregated,110,1,110,125,40,900,18000,3.6,0.03,110,120,130,140,200,480,600,800,900,900,900
"""


def test_the_report_reads_each_kind_and_the_total_and_says_which_targets_are_met(tmp_path):
    stats = tmp_path / "mixed_stats.csv"
    stats.write_text(STATS)
    rows, total = report.read(stats)
    assert [(row.kind, row.requests, row.failures, row.p95) for row in rows] == [
        ("case overview", 100, 0, 420),
        ("timeline add (save)", 10, 1, 650),
    ]
    verdict = report.verdict_mixed(rows, total)
    assert "NOT MET" in verdict[0] and verdict[1].endswith(": met") and verdict[2].endswith("timeline add (save)")
    assert "case overview" in report.table(rows, total)


def test_the_mail_server_writes_down_each_message_it_is_sent(tmp_path):
    # In a folder not made yet, as on the first run on a machine.
    server = MailServer(0, tmp_path / "results" / "faults" / "mail.jsonl", pause=0)
    server.start()
    try:
        connection = get_connection("django.core.mail.backends.smtp.EmailBackend", host="127.0.0.1",
                                    port=server.server_address[1], timeout=5)  # fmt: skip
        subject = "ACT: Urgent: A young person has gone missing three or more times in 90 days (2)"
        send_mail(subject, "Sign in.", None, ["worker@example.org"], connection=connection)
    finally:
        server.shutdown()
    (line,) = (tmp_path / "results" / "faults" / "mail.jsonl").read_text().splitlines()
    assert json.loads(line) == {"to": ["worker@example.org"], "subject": subject}


def _as_record(outbox, path):
    path.write_text("".join(json.dumps({"to": email.to, "subject": email.subject}) + "\n" for email in outbox))
    return path


def test_emails_are_counted_against_the_notifications_owed_one(key_worker, tmp_path):
    since = timezone.now() - timedelta(seconds=1)
    notify([Message(key_worker, f"review-due:{number}", "A review is due.") for number in (1, 2, 3)])
    notify([Message(key_worker, "allocated:9", "A case.", urgent=True)])
    deliver_emails()
    record = _as_record(mail.outbox, tmp_path / "mail.jsonl")
    found = counts.emails(record, since)
    assert found == {
        "notifications owed an email": 4,
        "told by email exactly once": 4,
        "missed": 0,
        "told twice (or more)": 0,
        "emails sent": 2,
    }
    # The same emails again: every one of them told twice.
    record.write_text(record.read_text() * 2)
    assert counts.emails(record, since)["told twice (or more)"] == 4


def test_the_times_once_everyone_has_signed_in_give_percentiles_and_requests_per_second(tmp_path):
    steady = tmp_path / "cases_steady.json"
    times = [float(number) for number in range(1, 101)]
    steady.write_text(json.dumps({"seconds": 10, "kinds": {"cases list": {"times": times, "failures": 2}}}))
    rows, total, seconds = report.read_steady(steady)
    (row,) = rows
    assert (row.requests, row.failures, row.rps, row.p50, row.p95, row.p99) == (100, 2, 10.0, 50, 95, 99)
    assert seconds == 10 and total.requests == 100
    assert "NOT MET" in report.verdict_cases(row)[0]
