from django.urls import path

from ikz.reports import views

app_name = "reports"

urlpatterns = [
    path("region/<slug:slug>/<int:year>/", views.report_detail, name="report_detail"),
    path("region/<slug:slug>/<int:year>/ablegen/", views.report_store, name="report_store"),
    path(
        "region/<slug:slug>/<int:year>/vorlage/<int:municipality_pk>/",
        views.cover_draft,
        name="cover_draft",
    ),
]
