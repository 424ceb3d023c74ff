from django.urls import path

from .views import referral_import, referrals

app_name = "referrals"

urlpatterns = [
    path("", referrals.referral_list, name="list"),
    path("new/", referrals.referral_new, name="new"),
    path("<int:pk>/", referrals.referral_detail, name="detail"),
    path("<int:pk>/duplicate/", referrals.resolve_duplicate, name="duplicate"),
    path("<int:pk>/accept/", referrals.accept, name="accept"),
    path("<int:pk>/decline/", referrals.decline, name="decline"),
    path("<int:pk>/signpost/", referrals.signpost, name="signpost"),
    path("import/", referral_import.import_upload, name="import"),
    path("import/<int:pk>/", referral_import.import_detail, name="import-detail"),
    path("import/<int:pk>/progress/", referral_import.import_progress, name="import-progress"),
    path("import/<int:pk>/problems.csv", referral_import.import_problems_csv, name="import-problems-csv"),
    path("import/<int:pk>/confirm/", referral_import.import_confirm, name="import-confirm"),
    path("import/<int:pk>/cancel/", referral_import.import_cancel, name="import-cancel"),
]
