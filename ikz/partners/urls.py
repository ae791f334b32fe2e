from django.urls import path

from ikz.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.search, name="search"),
]
