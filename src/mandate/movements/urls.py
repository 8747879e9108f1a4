from django.urls import path

from . import views

app_name = "movements"
urlpatterns = [
    path("", views.list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/units/<int:unit_pk>/", views.unit_results, name="unit_results"),
    path("registrations/<int:pk>/", views.registration, name="registration"),
    path("commendations/<int:pk>/", views.commendation, name="commendation"),
]
