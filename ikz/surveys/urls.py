from django.urls import URLPattern

app_name = "surveys"

# views are in ikz/surveys/views.py
urlpatterns: list[URLPattern] = []
