from django.contrib import admin
from django.urls import include, path

from ikz import views
from ikz.accounts.views import admin_login
from ikz.api.registry import api
from ikz.health import views as health_views
from ikz.legal import views as legal_views
from ikz.notifications.views import calendar_feed

admin.site.site_header = "IKZ-Plattform – Verwaltung"
admin.site.site_title = "IKZ-Plattform"
admin.site.index_title = "Back-Office der Geschäftsstelle"
# One login for everything, with the second factor: the back office's own form is not offered.
admin.site.login = admin_login  # type: ignore[method-assign]

urlpatterns = [
    path("", views.home, name="home"),
    path("barrierefreiheit/", legal_views.accessibility, name="accessibility"),
    path("status/", views.status, name="status"),
    path("status/health.json", health_views.health, name="health"),
    path("konto/", include("ikz.accounts.urls")),
    path("kommunen/", include("ikz.municipalities.urls")),
    path("", include("ikz.cooperation.urls")),
    path("bestandsaufnahmen/", include("ikz.surveys.urls")),
    path("interessenbekundungen/", include("ikz.interests.urls")),
    path("beschluesse/", include("ikz.resolutions.urls")),
    path("projekte/", include("ikz.projects.urls")),
    path("berichte/", include("ikz.reports.urls")),
    path("kosten/", include("ikz.costs.urls")),
    path("genossenschaft/", include("ikz.membership.urls")),
    path("dokumente/", include("ikz.documents.urls")),
    path("suche/", include("ikz.search.urls")),
    path("netzwerk/", include("ikz.network.urls")),
    path("benachrichtigungen/", include("ikz.notifications.urls")),
    path("kalender/<str:token>.ics", calendar_feed, name="calendar_feed"),
    path("uebertragung/", include("ikz.transfer.urls")),
    path("portal/", include("ikz.portal.urls")),
    path("datenschutz/", include("ikz.privacy.urls")),
    path("importe/", include("ikz.imports.urls")),
    path("auftraege/", include("ikz.jobs.urls")),
    path("api/", include("ikz.api.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("verwaltung/", admin.site.urls),
    path("", include("ikz.legal.urls")),
    path(".well-known/security.txt", legal_views.security_txt, name="security_txt"),
    path("partnersuche/", include("ikz.partners.urls")),
    path("genossenschaft/rechnungen/", include("ikz.invoicing.urls")),
    path("genossenschaft/organe/", include("ikz.governance.urls")),
    path("sitzungen/", include("ikz.meetings.urls")),
    path("oparl/v1/", include("ikz.meetings.oparl_urls")),
    path("foerdermittel/", include("ikz.funding.urls")),
]
