from django.urls import path

from ikz.imports import views

app_name = "imports"

urlpatterns = [
    path("laeufe/<int:pk>/", views.run_detail, name="run_detail"),
    path("laeufe/<int:pk>/pruefen/", views.run_check, name="run_check"),
    path("laeufe/<int:pk>/uebernehmen/", views.run_apply, name="run_apply"),
    path("laeufe/<int:pk>/verwerfen/", views.run_reject, name="run_reject"),
    path("<slug:kind>/<int:scope>/", views.run_create, name="run_create"),
    path("<slug:kind>/<int:scope>/vorlage/", views.template_download, name="template_download"),
    path("<slug:kind>/<int:scope>/bestand/<str:fmt>/", views.current_export, name="current_export"),
]
