from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Feedback"

    def ready(self):
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
