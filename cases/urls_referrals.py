from django.urls import path

from .views import imports, referrals

app_name = "referrals"

urlpatterns = [
    path("", referrals.referral_list, name="list"),
    path("new/", referrals.referral_new, name="new"),
    path("<int:pk>/", referrals.referral_detail, name="detail"),
    path("<int:pk>/duplicate/", referrals.resolve_duplicate, name="duplicate"),
    path("<int:pk>/accept/", referrals.accept, name="accept"),
    path("<int:pk>/decline/", referrals.decline, name="decline"),
    path("<int:pk>/signpost/", referrals.signpost, name="signpost"),
    path("import/", imports.import_upload, name="import"),
    path("import/<int:pk>/", imports.import_detail, name="import-detail"),
    path("import/<int:pk>/progress/", imports.import_progress, name="import-progress"),
    path("import/<int:pk>/problems.csv", imports.import_problems_csv, name="import-problems-csv"),
    path("import/<int:pk>/confirm/", imports.import_confirm, name="import-confirm"),
    path("import/<int:pk>/cancel/", imports.import_cancel, name="import-cancel"),
]
