from django.urls import path

from ikz.interests import views

app_name = "interests"

urlpatterns = [
    path("region/<slug:slug>/", views.call_list, name="call_list"),
    path("region/<slug:slug>/neu/", views.call_create, name="call_create"),
    path("<int:pk>/", views.call_detail, name="call_detail"),
    path("<int:pk>/bearbeiten/", views.call_edit, name="call_edit"),
    path("<int:pk>/stand/", views.call_status, name="call_status"),
    path("<int:pk>/verlauf/", views.call_history, name="call_history"),
    path("<int:pk>/themen/neu/", views.topic_edit, name="topic_create"),
    path("<int:pk>/themen/<int:topic_pk>/", views.topic_edit, name="topic_edit"),
    path("<int:pk>/kommunen/<int:municipality_pk>/", views.declaration_detail, name="declaration_detail"),
    path(
        "<int:pk>/kommunen/<int:municipality_pk>/bearbeiten/",
        views.declaration_edit,
        name="declaration_edit",
    ),
    path(
        "<int:pk>/kommunen/<int:municipality_pk>/absendedatum/",
        views.declaration_correct,
        name="declaration_correct",
    ),
    path("<int:pk>/ergebnis/", views.ranking, name="ranking"),
    path("<int:pk>/ergebnis/themen/<int:topic_pk>/", views.topic_result, name="topic_result"),
    path("<int:pk>/ergebnis/themen/<int:topic_pk>/vorschlag/", views.proposal_create, name="proposal_create"),
]
