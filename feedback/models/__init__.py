"""The voice of young people and families: wellbeing check-ins and feedback on the service, asked on a
rhythm they chose (`Rhythm`), each asking recorded once (`Request`)."""

from .answers import CheckIn, CheckInAlert, FeedbackAnswer, Score
from .rhythm import Kind, Request, Rhythm

__all__ = ["CheckIn", "CheckInAlert", "FeedbackAnswer", "Kind", "Request", "Rhythm", "Score"]
