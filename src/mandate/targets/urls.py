from django.urls import path

from . import views

app_name = "targets"
urlpatterns = [
    path("", views.target_list, name="list"),
    path("export/", views.target_export, name="export"),
    path("values/export/", views.values_export, name="values_export"),
    path("values/", views.values, name="values"),
    path("values/new/", views.value_create, name="value_new"),
    path("values/<int:pk>/", views.value_detail, name="value"),
    path("values/<int:pk>/edit/", views.value_edit, name="value_edit"),
    path("values/<int:pk>/decide/", views.value_decide, name="value_decide"),
    path("new/<int:document_pk>/", views.target_create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.target_edit, name="edit"),
    path("<int:pk>/breakdown/", views.breakdown, name="breakdown"),
]
