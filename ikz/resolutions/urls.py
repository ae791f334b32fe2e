from django.urls import path

from ikz.resolutions import views

app_name = "resolutions"

urlpatterns = [
    path("region/<slug:slug>/", views.overview, name="overview"),
    path(
        "region/<slug:slug>/kommunen/<int:municipality_pk>/neu/",
        views.resolution_create,
        name="resolution_create",
    ),
    path(
        "region/<slug:slug>/kommunen/<int:municipality_pk>/vorlage/",
        views.council_draft,
        name="council_draft",
    ),
    path("region/<slug:slug>/vorlagen-fuer-alle/", views.council_drafts_all, name="council_drafts_all"),
    path("<int:pk>/", views.resolution_detail, name="resolution_detail"),
    path("<int:pk>/bearbeiten/", views.resolution_edit, name="resolution_edit"),
    path("<int:pk>/verlauf/", views.resolution_history, name="resolution_history"),
    path("<int:pk>/datum-berichtigen/", views.resolution_correct, name="resolution_correct"),
]
