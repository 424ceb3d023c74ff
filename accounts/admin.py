from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import PartnerAgency, Team, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "team", "agency", "is_active"]
    list_filter = ["role", "team", "agency", "is_active"]
    list_select_related = ["team", "agency"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Role in the service"), {"fields": ["role", "team", "agency", "coordinator_kind", "job_title", "phone"]}),
    )


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "local_authority", "case_capacity"]


@admin.register(PartnerAgency)
class PartnerAgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
