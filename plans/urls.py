from django.urls import path

from .views import links, meetings, pdf, plan

app_name = "plans"

urlpatterns = [
    # The family plan
    path("case/<int:pk>/", plan.plan_page, name="plan"),
    path("case/<int:pk>/start/", plan.plan_start, name="start"),
    path("case/<int:pk>/history/", plan.history, name="history"),
    path("case/<int:pk>/worries/", plan.worries, name="worries"),
    path("case/<int:pk>/strengths/new/", plan.strength_add, name="strength-add"),
    path("case/<int:pk>/priorities/new/", plan.priority_add, name="priority-add"),
    path("case/<int:pk>/priorities/<int:item_pk>/<str:direction>/", plan.priority_move, name="priority-move"),
    path("case/<int:pk>/goals/new/", plan.goal_add, name="goal-add"),
    path("case/<int:pk>/goals/<int:goal_pk>/change/", plan.goal_change, name="goal-change"),
    path("case/<int:pk>/goals/<int:goal_pk>/rate/", plan.goal_rate, name="goal-rate"),
    path("case/<int:pk>/goals/<int:goal_pk>/actions/new/", plan.action_add, name="action-add"),
    path("case/<int:pk>/actions/<int:action_pk>/done/", plan.action_done, name="action-done"),
    path("case/<int:pk>/safety/new/", plan.safety_add, name="safety-add"),
    path("case/<int:pk>/link/", links.plan_link_new, name="plan-link-new"),
    path("case/<int:pk>/link/someone-close/", links.key_person_link_new, name="key-person-link-new"),
    path("case/<int:pk>/remove/<str:kind>/<int:item_pk>/", plan.item_remove, name="remove"),
    path("case/<int:pk>/plan.pdf", pdf.plan_pdf, name="plan-pdf"),
    # Meetings
    path("case/<int:pk>/meetings/<int:meeting_pk>/link/", links.meeting_link_new, name="meeting-link-new"),
    path("case/<int:pk>/meetings/", meetings.meeting_list, name="meetings"),
    path("case/<int:pk>/meetings/new/", meetings.meeting_new, name="meeting-new"),
    path("case/<int:pk>/meetings/<int:meeting_pk>/", meetings.meeting_page, name="meeting"),
    path("case/<int:pk>/meetings/<int:meeting_pk>/choices/", meetings.meeting_choices, name="meeting-choices"),
    path("case/<int:pk>/meetings/<int:meeting_pk>/change/", meetings.meeting_change, name="meeting-change"),
    path("case/<int:pk>/meetings/<int:meeting_pk>/cancel/", meetings.meeting_cancel, name="meeting-cancel"),
    path("case/<int:pk>/meetings/<int:meeting_pk>/record/", meetings.meeting_record, name="meeting-record"),
]
