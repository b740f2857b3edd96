"""Routes of the day out of days, the department day sheets and the set-up pages."""

from django.urls import URLPattern, path

from . import views_dood

P = "projects/<int:project_id>/"
S = P + "schedules/<int:schedule_id>/"

urlpatterns: list[URLPattern] = [
    path(S + "dood/", views_dood.dood, name="schedule_dood"),
    path(S + "dood.<str:fmt>", views_dood.dood_export, name="schedule_dood_export"),
    path(S + "day-sheets/", views_dood.daysheets, name="schedule_daysheets"),
    path(P + "cast/", views_dood.cast, name="cast_setup"),
    path(P + "cast/<int:member_id>/", views_dood.cast_member, name="cast_member"),
    path(P + "cast/<int:member_id>/days/", views_dood.cast_day_add, name="cast_day_add"),
    path(
        P + "cast/<int:member_id>/days/<int:day_id>/remove/",
        views_dood.cast_day_remove,
        name="cast_day_remove",
    ),
    path(P + "locations/", views_dood.locations, name="locations"),
    path(P + "locations/<int:location_id>/", views_dood.location, name="location"),
    path(
        P + "locations/<int:location_id>/delete/",
        views_dood.location_delete,
        name="location_delete",
    ),
    path(P + "shooting-calendar/", views_dood.shooting_calendar, name="shooting_calendar"),
    path(
        P + "shooting-calendar/<int:day_id>/remove/",
        views_dood.calendar_day_remove,
        name="calendar_day_remove",
    ),
]
