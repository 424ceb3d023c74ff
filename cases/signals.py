"""Signals from the case's record to the apps above it, which must not be imported here or by each other."""

from django.dispatch import Signal

# A meeting of the case was held and recorded (sent by plans, inside its transaction): `case`, `meeting_id`.
meeting_held = Signal()
