from django.urls import path

from ikz.meetings.views import oparl

app_name = "oparl"

urlpatterns = [
    path("", oparl.system, name="system"),
    path("body/", oparl.bodies, name="bodies"),
    path("body/<int:pk>/", oparl.body, name="body"),
    path("body/<int:pk>/<str:kind>/", oparl.body_list, name="body_list"),
    path("<str:kind>/<int:pk>/", oparl.single, name="object"),
]
