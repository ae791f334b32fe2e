from django.urls import path

from ikz.legal import views
from ikz.legal.models import PageKind

app_name = "legal"

# The public accessibility statement keeps its address and name (``accessibility``, /barrierefreiheit/)
# in ikz/urls.py; /.well-known/security.txt is there too.
urlpatterns = [
    path("rechtliches/", views.overview, name="overview"),
    path("impressum/", views.imprint, name="imprint"),
    path("impressum/bearbeiten/", views.page_edit, {"kind": PageKind.IMPRINT}, name="imprint_edit"),
    path("impressum/verlauf/", views.page_history, {"kind": PageKind.IMPRINT}, name="imprint_history"),
    path("datenschutzerklaerung/", views.privacy_policy, name="privacy_policy"),
    path(
        "datenschutzerklaerung/bearbeiten/",
        views.page_edit,
        {"kind": PageKind.PRIVACY},
        name="privacy_policy_edit",
    ),
    path(
        "datenschutzerklaerung/verlauf/",
        views.page_history,
        {"kind": PageKind.PRIVACY},
        name="privacy_policy_history",
    ),
    path("barrierefreiheit/bearbeiten/", views.accessibility_edit, name="accessibility_edit"),
    path("barrierefreiheit/verlauf/", views.accessibility_history, name="accessibility_history"),
]
