from django.urls import path

from ikz.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<str:kind>/<int:pk>/", views.person, name="person"),
    path("<str:kind>/<int:pk>/auskunft/", views.export, name="export"),
    path("<str:kind>/<int:pk>/loeschen/", views.erase, name="erase"),
]
