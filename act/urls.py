from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from assessments.views.shared import shared_link

from . import views

admin.site.site_header = "ACT case management: administration"
admin.site.site_title = "ACT administration"


def _administrators_only(request) -> bool:
    # The admin is for administrators: being marked staff is not enough.
    user = request.user
    return user.is_active and user.is_staff and user.role == user.Role.ADMINISTRATOR


admin.site.has_permission = _administrators_only

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="cases:list"), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("account/", include("accounts.urls")),
    path("cases/", include("cases.urls")),
    path("referrals/", include("cases.urls_referrals")),
    path("assessments/", include("assessments.urls")),
    path("feedback/", include("feedback.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("s/<str:token>/", shared_link, name="shared-link"),
    path("admin/", admin.site.urls),
]
