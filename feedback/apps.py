from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Feedback"

    def ready(self):
        # Asking and alerting: feedback after each meeting held (plans sends the signal; feedback does not
        # import plans), and the open low check-ins as a flag on the case.
        from cases import flags
        from cases.signals import meeting_held

        from . import receivers
        from .queries import annotate_case_flags

        meeting_held.connect(receivers.on_meeting_held, dispatch_uid="feedback-after-meeting")
        flags.register(annotate_case_flags)

        from django.utils.translation import gettext_lazy as _

        from cases import shared_links

        # The answering pages: a one-thing link made for one check-in or feedback request.
        from .links import CHECK_IN_LINK, FEEDBACK_LINK
        from .views.shared import check_in_link_page, describe_answer_links, feedback_link_page

        shared_links.register_purpose(
            CHECK_IN_LINK, label=_("A check-in"), handler=check_in_link_page, describe=describe_answer_links
        )
        shared_links.register_purpose(
            FEEDBACK_LINK, label=_("Feedback"), handler=feedback_link_page, describe=describe_answer_links
        )
