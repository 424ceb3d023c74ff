"""Writes to check-ins, feedback and the rhythm they are asked on. Each is one transaction, keyword-only,
and records who did it. Callers use `services.<name>`; the functions live in modules by what they write."""

from .answers import VoiceError, alert_handled, check_in_record, feedback_record

__all__ = ["VoiceError", "alert_handled", "check_in_record", "feedback_record"]
