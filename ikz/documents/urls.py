from django.urls import path

from ikz.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("neu/", views.document_create, name="document_create"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/bearbeiten/", views.document_edit, name="document_edit"),
    path("<int:pk>/verlauf/", views.document_history, name="document_history"),
    path("<int:pk>/fassungen/neu/", views.version_create, name="version_create"),
    path("<int:pk>/fassungen/<int:version_pk>/datei/", views.version_download, name="version_download"),
]
