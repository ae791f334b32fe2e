from django.urls import path

from ikz.membership import views

app_name = "membership"

urlpatterns = [
    path("", views.pipeline, name="pipeline"),
    path("beitritte/neu/", views.onboarding_create, name="onboarding_create"),
    path("beitritte/<int:pk>/", views.onboarding_detail, name="onboarding_detail"),
    path("beitritte/<int:pk>/schritt/<int:step>/", views.onboarding_step_edit, name="onboarding_step_edit"),
    path("beitritte/<int:pk>/<slug:kind>/neu/", views.onboarding_item_edit, name="onboarding_item_create"),
    path(
        "beitritte/<int:pk>/<slug:kind>/<int:item_pk>/",
        views.onboarding_item_edit,
        name="onboarding_item_edit",
    ),
    path("beitritte/<int:pk>/weiter/", views.onboarding_advance, name="onboarding_advance"),
    path(
        "beitritte/<int:pk>/schritt/<int:step>/berichtigen/",
        views.onboarding_step_correct,
        name="onboarding_step_correct",
    ),
    path("beitritte/<int:pk>/zurueckziehen/", views.onboarding_withdraw, name="onboarding_withdraw"),
    path("beitritte/<int:pk>/vollzug/", views.onboarding_complete, name="onboarding_complete"),
    path("beitritte/<int:pk>/verlauf/", views.onboarding_history, name="onboarding_history"),
    path("beitritte/<int:pk>/dokumente/<slug:kind>/", views.document_create, name="document_create"),
    path("dokumente/<int:pk>.<str:fmt>", views.document_download, name="document_download"),
    path("vorlagen/", views.template_list, name="template_list"),
    path("vorlagen/<slug:kind>/", views.template_edit, name="template_edit"),
    path("mitglieder/", views.member_list, name="member_list"),
    path("mitglieder/nachtragen/", views.member_enter, name="member_enter"),
    path("mitglieder/<int:pk>/", views.member_detail, name="member_detail"),
    path("mitglieder/<int:pk>/austritt/", views.member_exit, name="member_exit"),
    path("mitglieder/<int:pk>/einzahlung/", views.payment_create, name="payment_create"),
    path("mitglieder/<int:pk>/anteile/", views.share_create, name="share_create"),
    path("mitglieder/<int:pk>/verlauf/", views.member_history, name="member_history"),
    path("leistungen/", views.service_list, name="service_list"),
    path("leistungen/neu/", views.service_create, name="service_create"),
    path("leistungen/<int:pk>/", views.service_edit, name="service_edit"),
    path("leistungen/<int:pk>/bestellbar/", views.service_retire, name="service_retire"),
    path("leistungen/<int:pk>/verlauf/", views.service_history, name="service_history"),
    path("auftraege/", views.request_list, name="request_list"),
    path("auftraege/neu/", views.request_create, name="request_create"),
    path("auftraege/<int:pk>/", views.request_detail, name="request_detail"),
    path("auftraege/<int:pk>/angebot/", views.offer_edit, name="offer_edit"),
    path("auftraege/<int:pk>/angebot/senden/", views.offer_send, name="offer_send"),
    path("auftraege/<int:pk>/angebot/entscheiden/", views.offer_decide, name="offer_decide"),
    path("umsatz/", views.turnover_report, name="turnover_report"),
    path("absichtserklaerungen/", views.intent_list, name="intent_list"),
    path("absichtserklaerungen/neu/", views.intent_create, name="intent_create"),
    path("absichtserklaerungen/<int:pk>/beitritt/", views.intent_start, name="intent_start"),
]
