"""Writes of check-ins and feedback. Callers use `services.<name>`."""

from .answers import VoiceError, check_in_record, feedback_record

__all__ = ["VoiceError", "check_in_record", "feedback_record"]
