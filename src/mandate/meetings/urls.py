from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list_page, name="list"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/pack.zip", views.meeting_pack, name="pack"),
    path("<int:pk>/agenda.xlsx", views.meeting_export, name="export"),
    path("<int:pk>/notice.docx", views.notice_file, name="notice"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("bodies/<int:pk>/", views.body_page, name="body"),
    path("bodies/<int:pk>/members/new/", views.member_add, name="member_add"),
    path("conferences/new/", views.conference_create, name="conference_create"),
    path("bodies/<int:pk>/follow-up/", views.follow_up_page, name="follow_up"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/move/", views.item_move, name="item_move"),
    path("versions/<int:pk>/file/", views.version_file, name="version_file"),
    path("proposals/<int:pk>/", views.proposal_action, name="proposal"),
    path("conferences/<int:pk>/", views.conference_detail, name="conference"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("submissions/<int:pk>/file/", views.submission_file, name="submission_file"),
]
