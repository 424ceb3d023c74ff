from django.urls import path

from .views import meetings, plan

app_name = "plans"

urlpatterns = [
    # The family plan
    path("case/<int:pk>/", plan.plan_page, name="plan"),
    # Meetings
    path("case/<int:pk>/meetings/", meetings.meeting_list, name="meetings"),
]
