from django.urls import path

from ikz.surveys import views

app_name = "surveys"

urlpatterns = [
    path("region/<slug:slug>/", views.campaign_list, name="campaign_list"),
    path("region/<slug:slug>/neu/", views.campaign_create, name="campaign_create"),
    path("<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("<int:pk>/bearbeiten/", views.campaign_edit, name="campaign_edit"),
    path("<int:pk>/varianten/neu/", views.variant_edit, name="variant_create"),
    path("<int:pk>/varianten/<int:variant_pk>/", views.variant_edit, name="variant_edit"),
    path("<int:pk>/ruecklauf/", views.tracking, name="tracking"),
    path("<int:pk>/erinnern/", views.remind, name="remind"),
    path("<int:pk>/kommunen/<int:municipality_pk>/", views.response_detail, name="response_detail"),
    path("<int:pk>/kommunen/<int:municipality_pk>/bearbeiten/", views.response_edit, name="response_edit"),
    path("<int:pk>/kommunen/<int:municipality_pk>/abgeben/", views.response_submit, name="response_submit"),
    path(
        "<int:pk>/kommunen/<int:municipality_pk>/abgabedatum/",
        views.response_correct,
        name="response_correct",
    ),
    path(
        "<int:pk>/kommunen/<int:municipality_pk>/wieder-oeffnen/",
        views.response_reopen,
        name="response_reopen",
    ),
]
