from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from cases.views.shared_links import door

from . import views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="cases:list"), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("account/", include("accounts.urls")),
    path("cases/", include("cases.urls")),
    path("referrals/", include("cases.urls_referrals")),
    path("assessments/", include("assessments.urls")),
    path("plans/", include("plans.urls")),
    path("feedback/", include("feedback.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("s/<str:token>/", door, name="shared-link"),
    path("s/<str:token>/<path:page>/", door, name="shared-link-page"),
    path("admin/", admin.site.urls),
]
