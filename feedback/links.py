"""The purposes of the one-thing links a young person or family member answers through."""

CHECK_IN_LINK = "check_in"
FEEDBACK_LINK = "feedback"
