from django.urls import path

from . import views

app_name = "tasks"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("list/", views.task_list, name="list"),
    path("list/export.xlsx", views.export, name="export"),
    path("new/", views.assign, name="assign"),
    path("import/", views.import_tasks, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("leader/", views.leader, name="leader"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/more-time/", views.request_extension, name="request_extension"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("more-time/<int:pk>/decide/", views.decide_extension, name="decide_extension"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
]
