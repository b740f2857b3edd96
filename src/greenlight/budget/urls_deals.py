"""Routes of the deal memo pages."""

from django.urls import URLPattern, path

from . import views_deals as views

P = "projects/<int:project_id>/deals/"
D = P + "<int:deal_id>/"

urlpatterns: list[URLPattern] = [
    path(P, views.deal_list, name="deals"),
    path(P + "new/", views.deal_new, name="deal_new"),
    path(P + "threshold/", views.deal_threshold, name="deal_threshold"),
    path(D, views.deal_detail, name="deal"),
    path(D + "edit/", views.deal_edit, name="deal_edit"),
    path(D + "submit/", views.deal_submit, name="deal_submit"),
    path(D + "approve/", views.deal_approve, name="deal_approve"),
    path(D + "reject/", views.deal_reject, name="deal_reject"),
    path(D + "delete/", views.deal_delete, name="deal_delete"),
    path(D + "lines/", views.deal_generate, name="deal_lines"),
    path(D + "pdf/", views.deal_pdf_view, name="deal_pdf"),
]
