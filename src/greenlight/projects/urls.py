from django.urls import path

from . import views

P = "projects/<int:project_id>/"

urlpatterns = [
    path("projects/new/", views.project_new, name="project_new"),
    path(P, views.project_detail, name="project"),
    path(P + "edit/", views.project_edit, name="project_edit"),
    path(P + "delete/", views.project_delete, name="project_delete"),
    path(P + "episodes/new/", views.episode_form, name="episode_new"),
    path(P + "episodes/<int:episode_id>/", views.episode_form, name="episode_edit"),
    path(P + "episodes/<int:episode_id>/delete/", views.episode_delete, name="episode_delete"),
    path(P + "departments/", views.departments, name="departments"),
    path(P + "departments/<int:department_id>/", views.department_edit, name="department_edit"),
    path(
        P + "departments/<int:department_id>/delete/",
        views.department_delete,
        name="department_delete",
    ),
    path(P + "people/", views.people, name="people"),
    path(P + "people/new/", views.person_new, name="person_new"),
    path(P + "people/export/", views.people_export, name="people_export"),
    path(P + "people/<int:person_id>/", views.person_detail, name="person"),
    path(P + "people/<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path(P + "people/<int:person_id>/delete/", views.person_delete, name="person_delete"),
    path(
        P + "people/<int:person_id>/unavailable/<int:entry_id>/delete/",
        views.unavailability_delete,
        name="unavailability_delete",
    ),
    path(P + "members/", views.members, name="members"),
    path(P + "members/<int:member_id>/", views.member_edit, name="member_edit"),
    path(P + "members/<int:member_id>/remove/", views.member_remove, name="member_remove"),
    path(
        P + "invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
]
