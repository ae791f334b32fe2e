from django.urls import URLPattern

app_name = "resolutions"

# views are in ikz/resolutions/views.py
urlpatterns: list[URLPattern] = []
