from django.urls import path

from .views import links, pages, reviews, timescales

app_name = "assessments"

urlpatterns = [
    path("case/<int:pk>/", pages.overview, name="overview"),
    path("case/<int:pk>/section/<str:kind>/", pages.section, name="section"),
    path("case/<int:pk>/section/<str:kind>/history/", pages.history, name="history"),
    path("case/<int:pk>/contribution/<int:contribution_pk>/add/", pages.contribution_add, name="contribution-add"),
    path("case/<int:pk>/first-picture/", timescales.first_picture, name="first-picture"),
    path("case/<int:pk>/timescales/", timescales.timescales, name="timescales"),
    path("case/<int:pk>/timescales/<int:proposal_pk>/decide/", timescales.timescale_decide, name="timescale-decide"),
    path("case/<int:pk>/reviews/", reviews.reviews, name="reviews"),
    path("case/<int:pk>/links/new/", links.link_new, name="link-new"),
    path("case/<int:pk>/links/someone-close/", links.key_person_link_new, name="key-person-link-new"),
]
