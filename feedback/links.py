"""The purposes of the one-thing links a check-in or feedback request is sent with (registered with
`cases.shared_links.register_purpose` by the pages that answer them)."""

CHECK_IN_LINK = "check_in"
FEEDBACK_LINK = "feedback"
