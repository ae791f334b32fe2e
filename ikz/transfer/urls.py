from django.urls import path

from ikz.transfer import views

app_name = "transfer"

urlpatterns = [path("", views.transfer_create, name="transfer_create")]
