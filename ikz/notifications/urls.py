from django.urls import path

from ikz.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("gelesen/", views.mark_read, name="mark_read"),
    path("einstellungen/", views.preferences, name="preferences"),
    path("kalender/", views.calendar, name="calendar"),
]
