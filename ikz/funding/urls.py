from django.urls import path

from ikz.funding import views

app_name = "funding"

urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("programme/neu/", views.programme_create, name="programme_create"),
    path("programme/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programme/<int:pk>/bearbeiten/", views.programme_edit, name="programme_edit"),
    path("programme/<int:pk>/geprueft/", views.programme_checked, name="programme_checked"),
    path("programme/<int:pk>/aufrufe/neu/", views.call_create, name="call_create"),
    path("programme/<int:pk>/antrag/neu/", views.application_create, name="application_create"),
    path("aufrufe/<int:pk>/bearbeiten/", views.call_edit, name="call_edit"),
    path("passend/<str:kind>/<int:pk>/", views.matches, name="matches"),
    path("antraege/", views.application_list, name="application_list"),
    path("antraege/<int:pk>/", views.application_detail, name="application_detail"),
    path("antraege/<int:pk>/partner/", views.partner_add, name="partner_add"),
    path("antraege/<int:pk>/anteile/", views.shares_from_key, name="shares_from_key"),
    path("antraege/<int:pk>/einreichen/", views.application_submit, name="application_submit"),
    path("antraege/<int:pk>/bescheid/", views.notice_record, name="notice_record"),
    path("pflichten/<int:pk>/erledigt/", views.obligation_done, name="obligation_done"),
]
