"""Cost-tracking pages: the cost report, the ledger, estimates to complete, hot costs and the
cash flow of a project."""

from django.urls import path

from . import views_costs as views

C = "projects/<int:project_id>/costs/"

urlpatterns = [
    path(C, views.report, name="cost_report"),
    path(C + "report.csv", views.report_csv, name="cost_report_csv"),
    path(C + "report.xlsx", views.report_xlsx, name="cost_report_xlsx"),
    path(C + "ledger/", views.ledger, name="cost_ledger"),
    path(C + "ledger/purchase-orders/", views.po_add, name="cost_po_add"),
    path(C + "ledger/purchase-orders/<int:po_id>/status/", views.po_status, name="cost_po_status"),
    path(C + "ledger/actuals/", views.actual_add, name="cost_actual_add"),
    path(C + "ledger/import/", views.ledger_import, name="cost_import"),
    path(C + "etc/", views.etc, name="cost_etc"),
    path(C + "etc/clear/", views.etc_clear, name="cost_etc_clear"),
    path(C + "hot/", views.hot, name="cost_hot"),
    path(C + "hot/<int:hot_id>/delete/", views.hot_delete, name="cost_hot_delete"),
    path(C + "cashflow/", views.cash, name="cost_cashflow"),
    path(C + "cashflow/funding/", views.funding_add, name="cost_funding_add"),
    path(
        C + "cashflow/funding/<int:drop_id>/delete/",
        views.funding_delete,
        name="cost_funding_delete",
    ),
    path(C + "cashflow/terms/", views.terms, name="cost_terms"),
]
