from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("grid/", views.grid_pick, name="grid_pick"),
    path("grid/<int:unit_pk>/<str:period>/", views.grid, name="grid"),
    path("grid/<int:unit_pk>/<str:period>/save/<int:target_pk>/", views.grid_save, name="grid_save"),
    path("grid/<int:unit_pk>/<str:period>/submit/", views.grid_submit, name="grid_submit"),
    path("grid/<int:unit_pk>/<str:period>/excel/", views.grid_excel, name="grid_excel"),
    path("upload/", views.upload, name="upload"),
    path("completeness/", views.completeness, name="completeness"),
    path("completeness/remind/", views.remind, name="remind"),
    path("completeness/excel/", views.completeness_excel, name="completeness_excel"),
    path("approvals/", views.approvals, name="approvals"),
    path("boundaries/", views.boundaries, name="boundaries"),
    path("review/", views.review, name="review"),
]
