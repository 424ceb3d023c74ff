"""The admin is for administrators: accounts, teams and agencies, nothing about children.

Who may do what in the service is said by a person's role and team (cases/access/ derives a
manager's rights from them on every request). So the user form has no groups, no per-user permissions
and no superuser tick: nothing an administrator ticks here can widen or split a person's access. What an
administrator may do in the admin comes from their role too, not from Django's model permissions.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .models import PartnerAgency, Team, User


def is_administrator(user) -> bool:
    return bool(user.is_active and user.is_staff and user.role == User.Role.ADMINISTRATOR)


class AdministratorsOnly:
    """Every change in the admin is for the administrator role, whatever permissions say."""

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_add_permission(self, request):
        return is_administrator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_delete_permission(self, request, obj=None):
        # Accounts, teams and agencies are referred to by the record: end an account by deactivating it.
        return False


@admin.register(User)
class UserAdmin(AdministratorsOnly, BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "team", "agency", "is_active"]
    list_filter = ["role", "team", "agency", "is_active"]
    list_select_related = ["team", "agency"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email", "job_title", "phone")}),
        (
            _("Role in the service"),
            {
                "fields": ("role", "team", "agency", "coordinator_kind", "is_active", "is_staff"),
                "description": _(
                    "The role and team decide what this person may see: a manager sees every case of their "
                    "team. A change takes effect on their next page. To end an account, untick Active. "
                    "Staff status lets an administrator into this admin; it gives no case."
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2")}),
        (_("Role in the service"), {"fields": ("first_name", "last_name", "email", "role", "team", "agency")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = ()

    def has_delete_permission(self, request, obj=None):
        # Accounts end by being deactivated (untick "Active"), never deleted: the audit keeps naming the
        # people in it, and the database refuses to remove audit entries.
        return False


@admin.register(Team)
class TeamAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["name", "local_authority", "case_capacity"]


@admin.register(PartnerAgency)
class PartnerAgencyAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]


# Groups give nothing in this service; offering them would suggest they do.
admin.site.unregister(Group)
