from django.urls import path

from .views import lists, record

app_name = "cases"

urlpatterns = [
    path("", lists.case_list, name="list"),
    path("<int:pk>/", record.case_detail, name="detail"),
]
