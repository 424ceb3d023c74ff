from django.contrib import admin
from django.urls import include, path

from cases.views.shared_links import door
from dashboards import views as dashboards_views

from . import views

urlpatterns = [
    path("", dashboards_views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("account/", include("accounts.urls")),
    path("cases/", include("cases.urls")),
    path("referrals/", include("cases.urls_referrals")),
    path("concerns/", include("cases.urls_concerns")),
    path("assessments/", include("assessments.urls")),
    path("plans/", include("plans.urls")),
    path("feedback/", include("feedback.urls")),
    path("supervision/", include("supervision.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("s/<str:token>/", door, name="shared-link"),
    path("s/<str:token>/<path:page>/", door, name="shared-link-page"),
    path("admin/", admin.site.urls),
]
