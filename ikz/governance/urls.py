from django.urls import path

from ikz.governance import views

app_name = "governance"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("einstellungen/", views.settings_edit, name="settings_edit"),
    path("organe/neu/", views.seat_create, name="seat_create"),
    path("organe/<int:pk>/ende/", views.seat_end, name="seat_end"),
    path("versammlungen/neu/", views.assembly_create, name="assembly_create"),
    path("versammlungen/<int:pk>/", views.assembly_detail, name="assembly_detail"),
    path("versammlungen/<int:pk>/tagesordnung/neu/", views.item_create, name="item_create"),
    path("versammlungen/<int:pk>/einladungen/", views.invitations_send, name="invitations_send"),
    path("versammlungen/<int:pk>/teilnahme/neu/", views.attendance_create, name="attendance_create"),
    path(
        "versammlungen/<int:pk>/tagesordnung/<int:item_pk>/abstimmung/", views.votes_edit, name="votes_edit"
    ),
    path("versammlungen/<int:pk>/abgehalten/", views.assembly_close, name="assembly_close"),
    path("versammlungen/<int:pk>/unterzeichnet/", views.minutes_sign, name="minutes_sign"),
    path("versammlungen/<int:pk>/niederschrift.<str:fmt>", views.minutes_download, name="minutes_download"),
    path("versammlungen/<int:pk>/verlauf/", views.assembly_history, name="assembly_history"),
]
