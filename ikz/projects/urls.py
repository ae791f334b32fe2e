from django.urls import path

from ikz.projects import views

app_name = "projects"

urlpatterns = [
    path("region/<slug:slug>/", views.project_list, name="project_list"),
    path("region/<slug:slug>/neu/", views.project_create, name="project_create"),
    path("region/<slug:slug>/nacherfassen/", views.project_back_capture, name="project_back_capture"),
    path(
        "region/<slug:slug>/vorschlaege/<int:proposal_pk>/uebernehmen/",
        views.proposal_take_over,
        name="proposal_take_over",
    ),
    path("region/<slug:slug>/beteiligung/", views.participation_matrix, name="participation_matrix"),
    path(
        "region/<slug:slug>/kommunen/<int:municipality_pk>/beteiligung/",
        views.participation_own,
        name="participation_own",
    ),
    path("region/<slug:slug>/uebersicht/", views.dashboard, name="dashboard"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/projektauftrag/", views.project_edit, name="project_edit"),
    path("<int:pk>/stand/", views.project_transition, name="project_transition"),
    path("<int:pk>/schritte/<int:log_pk>/berichtigen/", views.step_correct, name="step_correct"),
    path("<int:pk>/verlauf/", views.project_history, name="project_history"),
    path("<int:pk>/meilensteine/neu/", views.milestone_create, name="milestone_create"),
    path("<int:pk>/meilensteine/<int:milestone_pk>/", views.milestone_edit, name="milestone_edit"),
    path("<int:pk>/beschluesse/neu/", views.decision_create, name="decision_create"),
    path("<int:pk>/erfahrungen/neu/", views.lesson_create, name="lesson_create"),
    path("<int:pk>/erfahrungen/<int:lesson_pk>/", views.lesson_edit, name="lesson_edit"),
    path("<int:pk>/veroeffentlichung/", views.project_publish, name="project_publish"),
    path("<int:pk>/projektauftrag/ablegen/", views.charter_store, name="charter_store"),
    path("<int:pk>/beteiligung/<int:municipality_pk>/", views.participation_edit, name="participation_edit"),
    path(
        "<int:pk>/beteiligung/<int:municipality_pk>/bestaetigen/",
        views.participation_confirm,
        name="participation_confirm",
    ),
]
