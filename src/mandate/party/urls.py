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
    path("me/", views.me, name="me"),
    path("ratings/", views.campaigns, name="campaigns"),
    path("ratings/<int:pk>/", views.campaign, name="campaign"),
    path("ratings/<int:pk>/export.xlsx", views.campaign_export, name="campaign_export"),
    path("ratings/<int:pk>/groups/<int:unit_pk>/", views.group, name="group"),
    path("inspections/", views.inspections, name="inspections"),
    path("inspections/new/", views.inspection_new, name="inspection_new"),
    path("inspections/<int:pk>/", views.inspection, name="inspection"),
]
