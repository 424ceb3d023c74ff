from django.urls import path

from .views import meetings, plan

app_name = "plans"

urlpatterns = [
    # The family plan
    path("case/<int:pk>/", plan.plan_page, name="plan"),
    # Meetings
    path("case/<int:pk>/meetings/", meetings.meeting_list, name="meetings"),
    path("case/<int:pk>/meetings/new/", meetings.meeting_new, name="meeting-new"),
    path("case/<int:pk>/meetings/<int:meeting_pk>/", meetings.meeting_page, name="meeting"),
    path("case/<int:pk>/meetings/<int:meeting_pk>/choices/", meetings.meeting_choices, name="meeting-choices"),
    path("case/<int:pk>/meetings/<int:meeting_pk>/change/", meetings.meeting_change, name="meeting-change"),
    path("case/<int:pk>/meetings/<int:meeting_pk>/cancel/", meetings.meeting_cancel, name="meeting-cancel"),
    path("case/<int:pk>/meetings/<int:meeting_pk>/record/", meetings.meeting_record, name="meeting-record"),
]
