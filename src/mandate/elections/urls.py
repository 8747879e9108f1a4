from django.urls import path

from . import views

app_name = "elections"
urlpatterns = [
    path("", views.election_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/turnout/", views.turnout, name="turnout"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/rules/", views.rules, name="rules"),
    path("<int:pk>/constituencies/new/", views.constituency_create, name="constituency_create"),
    path("<int:pk>/candidates/import/", views.candidate_import, name="candidate_import"),
    path("<int:pk>/candidates/template/", views.candidate_template, name="candidate_template"),
    path("constituencies/<int:pk>/", views.constituency, name="constituency"),
    path("constituencies/<int:pk>/edit/", views.constituency_edit, name="constituency_edit"),
    path("constituencies/<int:pk>/areas/new/", views.area_create, name="area_create"),
    path("areas/<int:pk>/", views.area, name="area"),
    path("areas/<int:pk>/edit/", views.area_edit, name="area_edit"),
    path("figures/<str:kind>/<int:pk>/decide/", views.decide, name="decide"),
]
