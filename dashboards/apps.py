from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = "Dashboards"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from cases import shared_links

        from .space import SPACE_LINK
        from .space.pages import space_page

        shared_links.register_purpose(SPACE_LINK, label=_("Their space"), handler=space_page, pages=True)
