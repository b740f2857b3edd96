"""Helpers every screenplay page uses: the project context and the objects in the URL."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from greenlight.accounts import services as accounts
from greenlight.accounts.capabilities import Capability
from greenlight.projects import services as projects
from greenlight.projects.models import Project

from .. import services
from ..models import Draft, Scene, Script


def context(request: HttpRequest, project: Project, **extra: Any) -> dict[str, Any]:
    caps = accounts.capabilities(request.user, project)
    return {"project": project, "caps": {c.value for c in caps}, **extra}


def project_of(request: HttpRequest, project_id: int, *, writing: bool = False) -> Project:
    """The project, refusing a write up front when the role cannot edit scripts."""
    capability = Capability.EDIT_SCRIPT if writing else Capability.VIEW_PROJECT
    return projects.get_project(request.user, project_id, capability)


def script_of(
    request: HttpRequest, project_id: int, script_id: int, *, writing: bool = False
) -> Script:
    project = project_of(request, project_id, writing=writing)
    return services.get_script(request.user, project, script_id)


def draft_of(
    request: HttpRequest, project_id: int, script_id: int, number: int, *, writing: bool = False
) -> Draft:
    script = script_of(request, project_id, script_id, writing=writing)
    return services.get_draft(request.user, script, number)


def scene_of(
    request: HttpRequest,
    project_id: int,
    script_id: int,
    number: int,
    scene_id: int,
    *,
    writing: bool = False,
) -> Scene:
    draft = draft_of(request, project_id, script_id, number, writing=writing)
    return services.get_scene(request.user, draft, scene_id)


def draft_args(draft: Draft) -> tuple[int, int, int]:
    """The URL arguments of a draft's pages."""
    return draft.script.project_id, draft.script_id, draft.number


def scene_args(scene: Scene) -> tuple[int, int, int, int]:
    return (*draft_args(scene.draft), scene.pk)


def number(value: str | None) -> int:
    """A posted id; 0 (which matches nothing) when it is missing or not a number."""
    try:
        return int(value or 0)
    except ValueError:
        return 0


def render_draft(request: HttpRequest, template: str, draft: Draft, **extra: Any) -> HttpResponse:
    """A page about one draft: the script, the draft and its siblings for the switcher."""
    script = draft.script
    return render(
        request,
        template,
        context(
            request,
            script.project,
            script=script,
            draft=draft,
            drafts=list(script.drafts.order_by("number")),
            **extra,
        ),
    )
