from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("notifications/", views.notifications, name="notifications"),
    path("me/", views.me, name="me"),
]
