"""The scene page: printed text with highlights, suggestions to confirm, manual tagging."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from greenlight.web.forms import run_action

from .. import reports, services
from ..forms import TagForm
from ..models import Scene, TagStatus
from .common import render_draft, scene_args, scene_of


def _scene_page(request: HttpRequest, scene: Scene, form: TagForm | None = None) -> HttpResponse:
    draft = scene.draft
    page = reports.scene_page(request.user, draft, scene.pk)
    if form is None:
        form = TagForm(categories=services.categories(draft.script.project))
    return render_draft(request, "screenplay/scene.html", draft, page=page, form=form)


def scene(
    request: HttpRequest, project_id: int, script_id: int, number: int, scene_id: int
) -> HttpResponse:
    return _scene_page(request, scene_of(request, project_id, script_id, number, scene_id))


def _back(scene: Scene, anchor: str = "") -> HttpResponse:
    return redirect(reverse("scene", args=scene_args(scene)) + anchor)


@require_POST
def tag(
    request: HttpRequest, project_id: int, script_id: int, number: int, scene_id: int
) -> HttpResponse:
    found = scene_of(request, project_id, script_id, number, scene_id, writing=True)
    form = TagForm(request.POST, categories=services.categories(found.draft.script.project))
    if form.is_valid():
        made = run_action(form, lambda: services.tag_text(request.user, found, **form.anchor()))
        if made is not None:
            messages.success(request, f"Tagged {made.element.name} as {made.element.category}.")
            return _back(found, "#elements")
    return _scene_page(request, found, form)


@require_POST
def tag_status(
    request: HttpRequest, project_id: int, script_id: int, number: int, scene_id: int, tag_id: int
) -> HttpResponse:
    found = scene_of(request, project_id, script_id, number, scene_id, writing=True)
    status = TagStatus.REJECTED if request.POST.get("status") == "rejected" else TagStatus.CONFIRMED
    services.set_tag_status(request.user, found, tag_id, status)
    return _back(found, "#suggestions")


@require_POST
def tag_remove(
    request: HttpRequest, project_id: int, script_id: int, number: int, scene_id: int, tag_id: int
) -> HttpResponse:
    found = scene_of(request, project_id, script_id, number, scene_id, writing=True)
    services.remove_tag(request.user, found, tag_id)
    messages.success(request, "Tag removed.")
    return _back(found, "#elements")
