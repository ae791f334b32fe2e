from django.urls import path

from ikz.meetings.views import papers, sittings

app_name = "meetings"

urlpatterns = [
    path("", sittings.index, name="index"),
    path("gremium/<int:pk>/", sittings.organization_detail, name="organization_detail"),
    path("gremium/<int:pk>/mitglied/neu/", sittings.member_add, name="member_add"),
    path("gremium/<int:pk>/mitglied/<int:membership>/ende/", sittings.member_end, name="member_end"),
    path("gremium/<int:pk>/sitzung/neu/", sittings.meeting_create, name="meeting_create"),
    path("sitzung/<int:pk>/", sittings.meeting_detail, name="meeting_detail"),
    path("sitzung/<int:pk>/tagesordnung/", sittings.agenda_add, name="agenda_add"),
    path("sitzung/<int:pk>/einladen/", sittings.meeting_invite, name="meeting_invite"),
    path("sitzung/<int:pk>/einladung.ics", sittings.meeting_ics, name="meeting_ics"),
    path("sitzung/<int:pk>/anwesenheit/", sittings.attendance, name="attendance"),
    path("sitzung/<int:pk>/niederschrift/", sittings.minutes, name="minutes"),
    path("sitzung/<int:pk>/genehmigen/", sittings.approve, name="approve"),
    path("top/<int:pk>/ergebnis/", sittings.item_result, name="item_result"),
    path("vorlage/<int:pk>/", papers.paper_detail, name="paper_detail"),
    path("vorlage/<int:pk>/raete/", papers.paper_councils, name="paper_councils"),
    path("vorlage/<int:pk>/tagesordnung/", papers.paper_agenda, name="paper_agenda"),
    path("vorlage/<int:pk>/rat/<int:consultation>/", papers.council_result, name="council_result"),
    path("region/<slug:slug>/", sittings.region_detail, name="region_detail"),
    path("region/<slug:slug>/gremium/neu/", sittings.organization_create, name="organization_create"),
    path("region/<slug:slug>/vorlage/neu/", papers.paper_create, name="paper_create"),
    path("region/<slug:slug>/beschlusskontrolle/", papers.actions, name="actions"),
    path(
        "region/<slug:slug>/beschlusskontrolle/<str:kind>/<int:pk>/erledigt/",
        papers.action_done,
        name="action_done",
    ),
]
