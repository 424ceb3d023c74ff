from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Family plans and meetings"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from cases import panels, shared_links

        from .review import review_ratings
        from .services import MEETING_LINK, PLAN_LINK
        from .views.shared import plan_page
        from .views.shared_meeting import meeting_page

        panels.register("assessment-review", review_ratings)
        shared_links.register_purpose(PLAN_LINK, label=_("Their plan"), handler=plan_page)
        shared_links.register_purpose(MEETING_LINK, label=_("Plan my meeting"), handler=meeting_page)
