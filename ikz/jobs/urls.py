from django.urls import path

from ikz.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.failed_list, name="failed_list"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/erneut/", views.job_retry, name="job_retry"),
]
