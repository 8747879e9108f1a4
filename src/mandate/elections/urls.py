from django.urls import path

from . import views

app_name = "elections"
urlpatterns = [
    path("", views.election_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/turnout/", views.turnout, name="turnout"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("constituencies/<int:pk>/", views.constituency, name="constituency"),
    path("areas/<int:pk>/", views.area, name="area"),
    path("figures/<str:kind>/<int:pk>/decide/", views.decide, name="decide"),
]
