from django.urls import path

from ikz.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("suche/", views.search, name="search"),
    path("dokumente/<int:pk>/datei/", views.document_download, name="document_download"),
    path("redaktion/<slug:slug>/", views.publishing, name="publishing"),
    path("redaktion/<slug:slug>/neuigkeiten/", views.news_list, name="news_list"),
    path("redaktion/<slug:slug>/neuigkeiten/neu/", views.news_create, name="news_create"),
    path("redaktion/<slug:slug>/neuigkeiten/<int:pk>/", views.news_edit, name="news_edit"),
    path("redaktion/<slug:slug>/neuigkeiten/<int:pk>/verlauf/", views.news_history, name="news_history"),
    path(
        "redaktion/<slug:slug>/neuigkeiten/<int:pk>/veroeffentlichen/",
        views.news_publish,
        name="news_publish",
    ),
    path(
        "redaktion/<slug:slug>/kooperationen/<int:pk>/veroeffentlichen/",
        views.cooperation_publish,
        name="cooperation_publish",
    ),
    path(
        "redaktion/<slug:slug>/projekte/<int:pk>/veroeffentlichen/",
        views.project_publish,
        name="project_publish",
    ),
    path("<slug:slug>/", views.region, name="region"),
    path("<slug:slug>/neuigkeiten/<slug:news_slug>/", views.news_detail, name="news_detail"),
    path("<slug:slug>/projekte/<slug:project_slug>/", views.project_detail, name="project_detail"),
]
