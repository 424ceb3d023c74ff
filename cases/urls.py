from django.urls import path

from .views import appearance, links, lists, living, missing, network, record, timeline

app_name = "cases"

urlpatterns = [
    path("", lists.case_list, name="list"),
    path("<int:pk>/", record.case_detail, name="detail"),
    path("<int:pk>/young-person/", record.young_person_edit, name="young-person-edit"),
    path("<int:pk>/people/", record.people_edit, name="people-edit"),
    path("<int:pk>/key-worker/", record.allocate, name="allocate"),
    path("<int:pk>/stage/", record.stage_change, name="stage"),
    path("<int:pk>/close/", record.close, name="close"),
    path("<int:pk>/reopen/", record.reopen, name="reopen"),
    path("<int:pk>/links/add/", record.link_add, name="link-add"),
    path("<int:pk>/links/<int:link_pk>/remove/", record.link_remove, name="link-remove"),
    path("<int:pk>/shared-links/", links.link_list, name="shared-links"),
    path("<int:pk>/shared-links/<int:link_pk>/revoke/", links.link_revoke, name="shared-link-revoke"),
    path("<int:pk>/photo/", appearance.photo, name="photo"),
    path("<int:pk>/photo/delete/", appearance.photo_remove, name="photo-remove"),
    path("<int:pk>/moves/", living.moves, name="moves"),
    path("<int:pk>/moves/add/", living.move_add, name="move-add"),
    path("<int:pk>/audit/", record.audit_trail, name="audit"),
    path("<int:pk>/network/", network.network, name="network"),
    path("<int:pk>/network/add/", network.member_add, name="network-add"),
    path("<int:pk>/network/changes/seen/", network.changes_seen, name="network-changes-seen"),
    path("<int:pk>/network/<int:member_pk>/edit/", network.member_edit, name="network-edit"),
    path("<int:pk>/network/<int:member_pk>/remove/", network.member_remove, name="network-remove"),
    path("<int:pk>/timeline/", timeline.timeline, name="timeline"),
    path("<int:pk>/timeline/add/<str:kind>/", timeline.entry_add, name="timeline-add"),
    path("<int:pk>/timeline/<int:entry_pk>/", timeline.entry_detail, name="timeline-entry"),
    path("<int:pk>/timeline/<int:entry_pk>/returned/", timeline.missing_returned, name="timeline-returned"),
    path("<int:pk>/timeline/<int:entry_pk>/interview-done/", timeline.interview_done, name="timeline-interview-done"),
    path("<int:pk>/timeline/<int:entry_pk>/details/", missing.episode_details, name="timeline-episode"),
    path("<int:pk>/timeline/<int:entry_pk>/interview/", missing.return_interview, name="timeline-interview"),
]
