from django.urls import path

from .views import meetings, pdf, plan

app_name = "plans"

urlpatterns = [
    # The family plan
    path("case/<int:pk>/", plan.plan_page, name="plan"),
    path("case/<int:pk>/plan.pdf", pdf.plan_pdf, name="plan-pdf"),
    # Meetings
    path("case/<int:pk>/meetings/", meetings.meeting_list, name="meetings"),
]
