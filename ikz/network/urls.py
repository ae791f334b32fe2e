from django.urls import path

from ikz.network import views

app_name = "network"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("loesungen/neu/", views.solution_create, name="solution_create"),
    path("loesungen/<int:pk>/", views.solution_detail, name="solution_detail"),
    path("loesungen/<int:pk>/bearbeiten/", views.solution_edit, name="solution_edit"),
    path("loesungen/<int:pk>/bestaetigen/", views.solution_confirm, name="solution_confirm"),
    path("loesungen/<int:pk>/interesse/", views.interest_create, name="interest_create"),
    path("bedarfe/neu/", views.need_create, name="need_create"),
    path("bedarfe/<int:pk>/", views.need_detail, name="need_detail"),
    path("bedarfe/<int:pk>/bearbeiten/", views.need_edit, name="need_edit"),
    path("bedarfe/<int:pk>/bestaetigen/", views.need_confirm, name="need_confirm"),
]
