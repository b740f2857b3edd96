from django.urls import path

from . import views

urlpatterns = [
    path("jobs/", views.job_list, name="jobs"),
    path("jobs/<str:job_id>/", views.job_detail, name="job"),
    path("jobs/<str:job_id>/download/", views.job_download, name="job_download"),
]
