from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Family plans and meetings"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from accounts.notifications import register_reminders
        from cases import flags, panels, shared_links

        from .queries import annotate_case_flags
        from .reminders import action_reminders, ambitions_reminders, meeting_reminders
        from .review import review_ratings
        from .services import MEETING_LINK, PLAN_LINK, PLAN_WORDS_LINK
        from .services.links import describe_meeting_links, describe_plan_words_links
        from .views.shared import plan_page
        from .views.shared_meeting import meeting_page
        from .views.shared_words import plan_words_page

        flags.register(annotate_case_flags)
        register_reminders(meeting_reminders)
        register_reminders(ambitions_reminders)
        register_reminders(action_reminders)
        panels.register("assessment-review", review_ratings)
        shared_links.register_purpose(PLAN_LINK, label=_("Their plan"), handler=plan_page)
        shared_links.register_purpose(
            PLAN_WORDS_LINK,
            label=_("Their words for the plan"),
            handler=plan_words_page,
            describe=describe_plan_words_links,
        )
        shared_links.register_purpose(
            MEETING_LINK, label=_("Plan my meeting"), handler=meeting_page, describe=describe_meeting_links
        )
