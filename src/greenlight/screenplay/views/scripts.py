"""Script pages: the project's scripts with uploads, a script's cast, breakdown categories."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from greenlight.projects.models import Project
from greenlight.web.forms import run_action

from .. import reports, services
from ..forms import CategoryForm, RevisionForm, UploadForm
from ..services import RevisionReport
from .common import context, draft_args, number, project_of, script_of


def _revision_form(script_id: int, request: HttpRequest | None = None) -> RevisionForm:
    """One script's revision form, with ids of its own (the page has one per script)."""
    auto_id = f"id_revise{script_id}_%s"
    if request is None:
        return RevisionForm(auto_id=auto_id)
    return RevisionForm(request.POST, request.FILES, auto_id=auto_id)


def _scripts_page(
    request: HttpRequest,
    project: Project,
    form: UploadForm,
    revising: tuple[int, RevisionForm] | None = None,
) -> HttpResponse:
    """The scripts with a revision form each (``revising``: the one posted, with its errors)."""
    rows = []
    for row in reports.script_rows(request.user, project):
        posted = revising is not None and revising[0] == row.script.pk
        rows.append((row, revising[1] if posted and revising else _revision_form(row.script.pk)))
    return render(
        request, "screenplay/scripts.html", context(request, project, rows=rows, form=form)
    )


def scripts(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=request.method == "POST")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, data = form.read()
        title = form.cleaned_data["title"]
        draft = run_action(
            form,
            lambda: services.import_script(
                request.user, project, name, data, title=title, at=timezone.now()
            ),
        )
        if draft is not None:
            count = draft.scenes.count()
            messages.success(request, f"Imported {draft.script}: {count} scenes.")
            return redirect("draft_scenes", *draft_args(draft))
    return _scripts_page(request, project, form)


def _summary(report: RevisionReport) -> str:
    return (
        f"{report.draft.colour} draft imported: {len(report.added)} added, "
        f"{len(report.changed)} changed, {len(report.unchanged)} unchanged, "
        f"{len(report.omitted)} omitted."
    )


@require_POST
def script_revise(request: HttpRequest, project_id: int, script_id: int) -> HttpResponse:
    script = script_of(request, project_id, script_id, writing=True)
    form = _revision_form(script.pk, request)
    if form.is_valid():
        name, data = form.read()
        report = run_action(
            form,
            lambda: services.import_revision(request.user, script, name, data, at=timezone.now()),
        )
        if report is not None:
            messages.success(request, _summary(report))
            return redirect("draft_changes", *draft_args(report.draft))
    return _scripts_page(request, script.project, UploadForm(), (script.pk, form))


@require_POST
def script_lock(request: HttpRequest, project_id: int, script_id: int) -> HttpResponse:
    script = script_of(request, project_id, script_id, writing=True)
    locked = request.POST.get("locked") == "1"
    services.set_locked(request.user, script, locked)
    if locked:
        messages.success(request, f"Scene numbers of {script} are locked.")
    else:
        messages.success(request, f"Scene numbers of {script} are unlocked.")
    return redirect("scripts", script.project_id)


def cast(request: HttpRequest, project_id: int, script_id: int) -> HttpResponse:
    script = script_of(request, project_id, script_id)
    report = reports.cast_report(request.user, script)
    return render(request, "screenplay/cast.html", context(request, script.project, report=report))


@require_POST
def alias_decide(
    request: HttpRequest, project_id: int, script_id: int, alias_id: int
) -> HttpResponse:
    script = script_of(request, project_id, script_id, writing=True)
    confirm = request.POST.get("decision") == "confirm"
    alias = services.decide_alias(request.user, script, alias_id, confirm)
    verb = "merged into" if confirm else "kept apart from"
    messages.success(request, f"{alias.alias} is {verb} {alias.canonical}.")
    return redirect("script_cast", project_id, script.pk)


def categories(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=request.method == "POST")
    found = list(services.categories(project))
    forms = {
        c.pk: CategoryForm(initial={"name": c.name, "colour": c.colour, "version": c.version})
        for c in found
    }
    if request.method == "POST":
        category_id = number(request.POST.get("category"))
        form = forms[category_id] = CategoryForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            saved = run_action(
                form,
                lambda: services.update_category(
                    request.user, project, category_id, d["name"], d["colour"], d["version"]
                ),
            )
            if saved is not None:
                messages.success(request, f"Saved {saved.name}.")
                return redirect("breakdown_categories", project.pk)
    rows = [(c, forms.get(c.pk)) for c in found]
    return render(request, "screenplay/categories.html", context(request, project, rows=rows))
