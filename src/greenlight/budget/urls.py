from django.urls import path

from . import views

P = "projects/<int:project_id>/"
B = P + "budgets/<int:budget_id>/"

urlpatterns = [
    path(P + "budgets/", views.budgets, name="budgets"),
    path(P + "budgets/import/", views.import_budget, name="budget_import"),
    path(B, views.topsheet, name="budget"),
    path(B + "categories/<int:category_id>/", views.category, name="budget_category"),
    path(B + "lines/<int:line_id>/", views.line, name="budget_line"),
    path(B + "lines/<int:line_id>/delete/", views.line_delete, name="budget_line_delete"),
    path(B + "accounts/<int:account_id>/lines/", views.line_add, name="budget_line_add"),
    path(B + "setup/", views.setup, name="budget_setup"),
    path(B + "status/", views.status, name="budget_status"),
    path(B + "variance/", views.variance, name="budget_variance"),
    path(B + "export.<str:fmt>", views.export, name="budget_export"),
    path(
        P + "schedules/<int:schedule_id>/budget-impact/",
        views.schedule_impact,
        name="schedule_budget_impact",
    ),
]
