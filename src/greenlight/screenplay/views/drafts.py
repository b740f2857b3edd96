"""Draft pages: the scene list, lengths source, lint report with standards, revision changes."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from greenlight.web.forms import run_action

from .. import reports, services
from ..forms import StandardsForm
from ..sheets import STRIP_LABELS
from .common import draft_args, draft_of, render_draft

LIMIT = 100  # characters of a filter value worth reading


def scenes(request: HttpRequest, project_id: int, script_id: int, number: int) -> HttpResponse:
    draft = draft_of(request, project_id, script_id, number)
    criteria = reports.Criteria(
        **{
            key: request.GET.get(key, "").strip()[:LIMIT]
            for key in ("int_ext", "time_of_day", "character", "q")
        }
    )
    listing = reports.scene_list(request.user, draft, criteria)
    return render_draft(
        request,
        "screenplay/scenes.html",
        draft,
        listing=listing,
        criteria=criteria,
        strip_labels=STRIP_LABELS.items(),
    )


@require_POST
def lengths(request: HttpRequest, project_id: int, script_id: int, number: int) -> HttpResponse:
    draft = draft_of(request, project_id, script_id, number, writing=True)
    services.use_lengths(request.user, draft, request.POST.get("source", ""))
    source = "Final Draft's own" if draft.lengths_from == "final_draft" else "Greenlight's layout"
    messages.success(request, f"Pages and eighths now come from {source}.")
    return redirect("draft_scenes", *draft_args(draft))


def lint(request: HttpRequest, project_id: int, script_id: int, number: int) -> HttpResponse:
    draft = draft_of(request, project_id, script_id, number, writing=request.method == "POST")
    project = draft.script.project
    form = StandardsForm(request.POST or None, instance=services.standards_of(project))
    if request.method == "POST" and form.is_valid():
        changes, version = form.changes()
        if run_action(
            form, lambda: services.update_standards(request.user, project, changes, version)
        ):
            messages.success(request, "Standards saved; the report below uses them.")
            return redirect("draft_lint", *draft_args(draft))
    rows = reports.lint_rows(request.user, draft)
    return render_draft(request, "screenplay/lint.html", draft, rows=rows, form=form)


def changes(request: HttpRequest, project_id: int, script_id: int, number: int) -> HttpResponse:
    draft = draft_of(request, project_id, script_id, number)
    found = reports.comparison(request.user, draft)
    return render_draft(request, "screenplay/changes.html", draft, comparison=found)
