from django.urls import path

from . import feeds, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("language/<str:code>/", views.language, name="language"),
    path("targets/", views.targets, name="targets"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("elections/<int:pk>/", views.election, name="election"),
    path("constituencies/<int:pk>/", views.constituency, name="constituency"),
    path("data/", views.data_index, name="data"),
    path("data/<slug:table>.<str:fmt>", views.data_file, name="data_file"),
    path("feed/results/", feeds.ResultsFeed(), name="results_feed"),
]
