from django.urls import path

from . import urls_calls, urls_dood, views

P = "projects/<int:project_id>/"
S = P + "schedules/<int:schedule_id>/"

urlpatterns = [
    path(P + "schedules/", views.schedules, name="schedules"),
    path(S, views.board, name="schedule"),
    path(S + "reorder/", views.reorder, name="schedule_reorder"),
    path(S + "strips/", views.add_strip, name="schedule_add_strip"),
    path(S + "strips/<int:strip_id>/", views.strip, name="schedule_strip"),
    path(S + "strips/<int:strip_id>/remove/", views.remove_strip, name="schedule_remove_strip"),
    path(S + "settings/", views.settings, name="schedule_settings"),
    path(S + "precedences/", views.precedence_add, name="schedule_precedence_add"),
    path(
        S + "precedences/<int:rule_id>/remove/",
        views.precedence_remove,
        name="schedule_precedence_remove",
    ),
    path(S + "optimise/", views.optimise, name="schedule_optimise"),
    path(S + "proposal/", views.proposal, name="schedule_proposal"),
    path(S + "status/", views.status, name="schedule_status"),
    path(S + "follow-draft/", views.follow_draft, name="schedule_follow_draft"),
]

# Day out of days, day sheets and the cast, location and calendar set-up (urls_dood), and call
# sheets with calendar feeds (urls_calls), listed in their own modules.
urlpatterns += urls_dood.urlpatterns + urls_calls.urlpatterns
