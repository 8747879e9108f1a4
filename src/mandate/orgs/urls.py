from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:pk>/", views.unit_detail, name="unit"),
    path("<int:pk>/add/", views.add_unit, name="add"),
    path("<int:pk>/edit/", views.edit_unit, name="edit"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/split/", views.split, name="split"),
]
