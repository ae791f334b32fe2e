from django.urls import path

from ikz.cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("aufgabengebiete/", views.taskarea_list, name="taskarea_list"),
    path("aufgabengebiete/neu/", views.taskarea_edit, name="taskarea_create"),
    path("aufgabengebiete/<int:pk>/", views.taskarea_detail, name="taskarea_detail"),
    path("aufgabengebiete/<int:pk>/bearbeiten/", views.taskarea_edit, name="taskarea_edit"),
    path("aufgabengebiete/<int:pk>/verlauf/", views.taskarea_history, name="taskarea_history"),
    path("aufgabengebiete/<int:pk>/felder/neu/", views.field_edit, name="field_create"),
    path("aufgabengebiete/<int:pk>/felder/<int:field_pk>/", views.field_edit, name="field_edit"),
    path("bestand/<slug:slug>/", views.inventory_overview, name="inventory_overview"),
    path("bestand/<slug:slug>/neu/", views.cooperation_create, name="cooperation_create"),
    path("bestand/<slug:slug>/matrix/<int:area_pk>/", views.matrix, name="matrix"),
    path("bestand/<slug:slug>/laufende/", views.operation_list, name="operation_list"),
    path("kooperationen/<int:pk>/", views.cooperation_detail, name="cooperation_detail"),
    path("kooperationen/<int:pk>/bearbeiten/", views.cooperation_edit, name="cooperation_edit"),
    path("kooperationen/<int:pk>/verlauf/", views.cooperation_history, name="cooperation_history"),
    path("kooperationen/<int:pk>/berichtigen/", views.cooperation_correct, name="cooperation_correct"),
    path("kooperationen/<int:pk>/betrieb/", views.operation_edit, name="operation_edit"),
    path("kooperationen/<int:pk>/beteiligung/", views.participation_record, name="participation_record"),
]
