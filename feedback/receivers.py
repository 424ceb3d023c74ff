"""What feedback does when something happens elsewhere in the record (connected in `FeedbackConfig.ready`)."""

from .services import meeting_requests


def on_meeting_held(sender, *, case, meeting_id: int, **kwargs) -> None:
    """A meeting was held: those who asked for it are asked for feedback about it (in their hours)."""
    meeting_requests(case_id=case.pk, meeting_id=meeting_id)
