"""Routes of the call sheet and calendar feed pages; two are public (a secret in the URL)."""

from django.urls import URLPattern, path

from . import views_calls as views

P = "projects/<int:project_id>/"
C = P + "schedules/<int:schedule_id>/calls/"
D = C + "<str:day>/"  # YYYY-MM-DD

urlpatterns: list[URLPattern] = [
    path(C, views.callsheets, name="schedule_callsheets"),
    path(D, views.callsheet, name="callsheet"),
    path(D + "pdf/", views.callsheet_pdf_view, name="callsheet_pdf"),
    path(D + "edit/", views.callsheet_edit, name="callsheet_edit"),
    path(D + "send/", views.callsheet_send, name="callsheet_send"),
    path("call/<str:token>/", views.public_callsheet, name="public_callsheet"),
    path(P + "calendars/", views.calendar_feeds, name="calendar_feeds"),
    path(
        P + "calendars/<int:feed_id>/revoke/",
        views.calendar_feed_revoke,
        name="calendar_feed_revoke",
    ),
    path("ical/<str:token>.ics", views.ical_feed, name="ical_feed"),
]
