from django.urls import path

from ikz.costs import views

app_name = "costs"

urlpatterns = [
    path("kooperationen/<int:pk>/", views.cooperation_costs, name="cooperation_costs"),
    path("kooperationen/<int:pk>/schluessel/", views.key_edit, name="key_edit"),
    path("kooperationen/<int:pk>/schluessel/verlauf/", views.key_history, name="key_history"),
    path("kooperationen/<int:pk>/umlagen/neu/", views.allocation_create, name="allocation_create"),
    path("kooperationen/<int:pk>/foerdermittel/", views.grant_check, name="grant_check"),
    path("kooperationen/<int:pk>/foerdermittel/neu/", views.grant_create, name="grant_create"),
    path("kooperationen/<int:pk>/einsparungen/", views.savings_list, name="savings_list"),
    path("kooperationen/<int:pk>/einsparungen/neu/", views.savings_create, name="savings_create"),
    path("kooperationen/<int:pk>/personalbemessung/", views.staffing_sheet, name="staffing_sheet"),
    path("kooperationen/<int:pk>/personalbemessung/bearbeiten/", views.staffing_edit, name="staffing_edit"),
    path("umlagen/<int:pk>/", views.allocation_detail, name="allocation_detail"),
    path("umlagen/<int:pk>/neu-berechnen/", views.allocation_recalculate, name="allocation_recalculate"),
    path("umlagen/<int:pk>/freigeben/", views.allocation_release, name="allocation_release"),
    path("umlagen/<int:pk>/verlauf/", views.allocation_history, name="allocation_history"),
    path("foerderprogramme/", views.programme_list, name="programme_list"),
    path("foerderprogramme/neu/", views.programme_create, name="programme_create"),
    path("foerderprogramme/<int:pk>/", views.programme_edit, name="programme_edit"),
    path("foerderprogramme/<int:pk>/einstellen/", views.programme_retire, name="programme_retire"),
    path("foerderprogramme/<int:pk>/verlauf/", views.programme_history, name="programme_history"),
    path("regionen/<slug:slug>/einsparungen/", views.region_savings, name="region_savings"),
]
