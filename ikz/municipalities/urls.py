from django.urls import path

from ikz.municipalities import views

app_name = "municipalities"

urlpatterns = [
    path("", views.municipality_list, name="municipality_list"),
    path("organisation/neu/", views.organisation_create, name="organisation_create"),
    path("<int:pk>/", views.municipality_detail, name="municipality_detail"),
    path("<int:pk>/bearbeiten/", views.municipality_edit, name="municipality_edit"),
    path("<int:pk>/einwohner/neu/", views.population_add, name="population_add"),
    path("<int:pk>/verlauf/", views.municipality_history, name="municipality_history"),
    path("<int:pk>/ansprechpersonen/neu/", views.contact_edit, name="contact_create"),
    path("<int:pk>/ansprechpersonen/<int:contact_pk>/", views.contact_edit, name="contact_edit"),
    path("regionen/", views.region_list, name="region_list"),
    path("regionen/neu/", views.region_edit, name="region_create"),
    path("regionen/aus-verzeichnis/", views.region_from_register, name="region_from_register"),
    path("regionen/<slug:slug>/", views.region_detail, name="region_detail"),
    path("regionen/<slug:slug>/bearbeiten/", views.region_edit, name="region_edit"),
    path("regionen/<slug:slug>/mitglieder/", views.region_members_edit, name="region_members_edit"),
    path("regionen/<slug:slug>/lenkungsgruppe/", views.region_steering_edit, name="region_steering_edit"),
    path("regionen/<slug:slug>/groessenklassen/", views.region_classes_edit, name="region_classes_edit"),
    path("regionen/<slug:slug>/verlauf/", views.region_history, name="region_history"),
]
