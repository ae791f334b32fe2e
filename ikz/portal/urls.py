from django.urls import path

from ikz.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("suche/", views.search, name="search"),
    path("dokumente/<int:pk>/datei/", views.document_download, name="document_download"),
    path("<slug:slug>/", views.region, name="region"),
    path("<slug:slug>/neuigkeiten/<slug:news_slug>/", views.news_detail, name="news_detail"),
    path("<slug:slug>/projekte/<slug:project_slug>/", views.project_detail, name="project_detail"),
]
