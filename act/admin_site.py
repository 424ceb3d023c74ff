"""The admin site of the service: its own titles, and only for administrators."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class AdminSite(admin.AdminSite):
    site_header = "ACT case management: administration"
    site_title = "ACT administration"

    def has_permission(self, request: HttpRequest) -> bool:
        # The admin is for administrators: being marked staff is not enough. (Imported here: this module
        # is read while the apps load, before any model can be.)
        from accounts.admin import is_administrator

        return is_administrator(request.user)


class AdminSiteConfig(AdminConfig):
    """django.contrib.admin, with the site above as `admin.site`."""

    default_site = "act.admin_site.AdminSite"
