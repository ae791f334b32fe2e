from django.urls import path

from ikz.invoicing import views

app_name = "invoicing"

urlpatterns = [
    path("", views.invoice_list, name="invoice_list"),
    path("angaben/", views.seller_edit, name="seller_edit"),
    path("rechnungsdaten/", views.billing_list, name="billing_list"),
    path("rechnungsdaten/<int:pk>/", views.billing_edit, name="billing_edit"),
    path("rechnungsdaten/<int:pk>/verlauf/", views.billing_history, name="billing_history"),
    path("neu/geschaeftsanteil/", views.share_invoice_create, name="share_invoice_create"),
    path("neu/auftrag/", views.order_invoice_create, name="order_invoice_create"),
    path("<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("<int:pk>/datei/<str:fmt>/", views.invoice_download, name="invoice_download"),
    path("<int:pk>/stornieren/", views.invoice_cancel, name="invoice_cancel"),
]
