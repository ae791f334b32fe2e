from django.urls import URLPattern

app_name = "interests"

# views are in ikz/interests/views.py
urlpatterns: list[URLPattern] = []
