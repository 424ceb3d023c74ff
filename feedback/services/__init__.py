"""Writes to check-ins, feedback and the rhythm they are asked on. Each is one transaction, keyword-only,
and records who did it. Callers use `services.<name>`; the functions live in modules by what they write."""

from .answers import VoiceError, alert_handled, check_in_record, feedback_record
from .rhythms import FEEDBACK_DAYS, live_rhythm, rhythm_set, rhythm_stop, uk_mobile
from .sending import MAX_FAILURES, Sent, make_due_requests, meeting_requests, send_due

__all__ = [
    "FEEDBACK_DAYS",
    "MAX_FAILURES",
    "Sent",
    "VoiceError",
    "alert_handled",
    "check_in_record",
    "feedback_record",
    "live_rhythm",
    "make_due_requests",
    "meeting_requests",
    "rhythm_set",
    "rhythm_stop",
    "send_due",
    "uk_mobile",
]
