from django.urls import path

from . import views

app_name = "party"
urlpatterns = [
    path("", views.home, name="home"),
    path("counts.xlsx", views.counts_export, name="counts_export"),
    path("members/", views.members, name="members"),
    path("members/export.xlsx", views.members_export, name="members_export"),
    path("members/import/", views.import_members, name="import"),
    path("members/import/template.xlsx", views.import_template, name="import_template"),
    path("members/<int:pk>/", views.member, name="member"),
    path("members/<int:pk>/account/", views.member_account, name="member_account"),
    path("members/<int:pk>/self-assessment/<int:campaign_pk>/", views.self_assessment, name="self_assessment"),
    path("me/", views.me, name="me"),
    path("ratings/", views.campaigns, name="campaigns"),
    path("ratings/<int:pk>/", views.campaign, name="campaign"),
    path("ratings/<int:pk>/export.xlsx", views.campaign_export, name="campaign_export"),
    path("ratings/<int:pk>/groups/<int:unit_pk>/", views.group, name="group"),
    path("inspections/", views.inspections, name="inspections"),
    path("inspections/new/", views.inspection_new, name="inspection_new"),
    path("inspections/<int:pk>/", views.inspection, name="inspection"),
    path("inspections/<int:pk>/edit/", views.inspection_edit, name="inspection_edit"),
    path("inspections/<int:pk>/delete/", views.inspection_delete, name="inspection_delete"),
    path("cases/new/", views.case_new, name="case_new"),
    path("cases/<int:pk>/", views.case, name="case"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/delete/", views.case_delete, name="case_delete"),
]
