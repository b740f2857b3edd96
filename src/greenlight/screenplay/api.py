"""The screenplay API: scripts and drafts (uploads), scenes with their breakdown, tags, lint."""

from dataclasses import asdict
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import File, Form, Router, Schema, Status, UploadedFile

from greenlight.core.errors import InvalidInput
from greenlight.jobs.api import JobOut
from greenlight.projects import services as projects
from greenlight.projects.models import Project

from . import reports, services
from . import schemas as s
from .models import Draft, Scene, Script, TagStatus
from .tasks import start_breakdown_sheets
from .views.sheets import pdf_response

router = Router(tags=["scripts"])
P = "/projects/{int:project_id}"
S = P + "/scripts/{int:script_id}"
D = S + "/drafts/{int:number}"
SC = D + "/scenes/{int:scene_id}"


def _project(request: HttpRequest, project_id: int) -> Project:
    return projects.get_project(request.user, project_id)


def _script(request: HttpRequest, project_id: int, script_id: int) -> Script:
    return services.get_script(request.user, _project(request, project_id), script_id)


def _draft(request: HttpRequest, project_id: int, script_id: int, number: int) -> Draft:
    return services.get_draft(request.user, _script(request, project_id, script_id), number)


def _scene(
    request: HttpRequest, project_id: int, script_id: int, number: int, scene_id: int
) -> Scene:
    draft = _draft(request, project_id, script_id, number)
    return services.get_scene(request.user, draft, scene_id)


def _read(upload: UploadedFile) -> tuple[str, bytes]:
    """The file's name and bytes, refusing an oversized file before reading it."""
    name = upload.name or "script"
    if (upload.size or 0) > services.MAX_SCRIPT_BYTES:
        raise InvalidInput.single(
            "file",
            f"{name} is {upload.size:,} bytes; scripts are limited to "
            f"{services.MAX_SCRIPT_BYTES:,}.",
        )
    return name, upload.read()


# --- scripts and drafts --------------------------------------------------------------------


@router.get(P + "/scripts", response=list[s.ScriptOut], summary="Scripts of a project")
def list_scripts(request: HttpRequest, project_id: int) -> Any:
    return services.scripts(request.user, _project(request, project_id))


@router.post(
    P + "/scripts",
    response={201: s.DraftOut},
    summary="Upload a script (Fountain or Final Draft FDX); it is broken down on import",
)
def upload_script(
    request: HttpRequest, project_id: int, file: File[UploadedFile], title: Form[str] = ""
) -> Any:
    project = _project(request, project_id)
    name, data = _read(file)
    draft = services.import_script(
        request.user, project, name, data, title=title, at=timezone.now()
    )
    return Status(201, draft)


@router.get(S + "/drafts", response=list[s.DraftOut], summary="Drafts of a script, oldest first")
def list_drafts(request: HttpRequest, project_id: int, script_id: int) -> Any:
    return _script(request, project_id, script_id).drafts.order_by("number")


@router.post(
    S + "/drafts",
    response={201: s.RevisionOut},
    summary="Upload a revised draft: scenes are matched and unchanged scenes keep their tags",
)
def upload_revision(
    request: HttpRequest, project_id: int, script_id: int, file: File[UploadedFile]
) -> Any:
    script = _script(request, project_id, script_id)
    name, data = _read(file)
    report = services.import_revision(request.user, script, name, data, at=timezone.now())
    ids = {
        key: [scene.pk for scene in getattr(report, key)]
        for key in ("added", "changed", "unchanged", "omitted")
    }
    return Status(201, {"draft": report.draft, "scenes": ids})


class LockIn(Schema):
    locked: bool


@router.put(S + "/lock", response=s.ScriptOut, summary="Lock or unlock a script's scene numbers")
def lock_script(request: HttpRequest, project_id: int, script_id: int, payload: LockIn) -> Any:
    script = _script(request, project_id, script_id)
    return services.set_locked(request.user, script, payload.locked)


@router.put(D + "/lengths", response=s.DraftOut, summary="Use Final Draft's lengths or ours")
def use_lengths(
    request: HttpRequest, project_id: int, script_id: int, number: int, payload: s.LengthsIn
) -> Any:
    draft = _draft(request, project_id, script_id, number)
    return services.use_lengths(request.user, draft, payload.source)


@router.post(
    D + "/sheets", response={202: JobOut}, summary="Start the PDF of all breakdown sheets (a job)"
)
def breakdown_sheets(request: HttpRequest, project_id: int, script_id: int, number: int) -> Any:
    """Every scene's breakdown sheet in one PDF, made in the background; follow /api/jobs/{id}."""
    draft = _draft(request, project_id, script_id, number)
    return Status(202, start_breakdown_sheets(request.user, draft, at=timezone.now()))


@router.get(SC + "/sheet.pdf", summary="One scene's breakdown sheet as a PDF")
def scene_sheet_pdf(
    request: HttpRequest, project_id: int, script_id: int, number: int, scene_id: int
) -> HttpResponse:
    draft = _draft(request, project_id, script_id, number)
    return pdf_response(*reports.sheets_pdf(request.user, draft, scene_id))


@router.get(D + "/lint", response=list[s.FindingOut], summary="The draft against the standards")
def lint(request: HttpRequest, project_id: int, script_id: int, number: int) -> Any:
    draft = _draft(request, project_id, script_id, number)
    return [
        {**asdict(row.finding), "scene": row.scene.pk if row.scene else None}
        for row in reports.lint_rows(request.user, draft)
    ]


# --- scenes and tags -----------------------------------------------------------------------


@router.get(D + "/scenes", response=list[s.SceneOut], summary="Scenes of a draft with their tags")
def list_scenes(request: HttpRequest, project_id: int, script_id: int, number: int) -> Any:
    return reports.scenes_with_tags(request.user, _draft(request, project_id, script_id, number))


@router.get(SC, response=s.SceneDetailOut, summary="One scene: its text, elements and tags")
def get_scene(
    request: HttpRequest, project_id: int, script_id: int, number: int, scene_id: int
) -> Any:
    draft = _draft(request, project_id, script_id, number)
    return reports.scene_with_tags(request.user, draft, scene_id)


@router.post(SC + "/tags", response={201: s.TagOut}, summary="Tag an element, optionally a range")
def tag_text(
    request: HttpRequest,
    project_id: int,
    script_id: int,
    number: int,
    scene_id: int,
    payload: s.TagIn,
) -> Any:
    scene = _scene(request, project_id, script_id, number, scene_id)
    made = services.tag_text(
        request.user,
        scene,
        category_id=payload.category,
        name=payload.name,
        paragraph=payload.paragraph,
        start=payload.start,
        end=payload.end,
    )
    return Status(201, made)


def _set_status(
    request: HttpRequest, ids: tuple[int, int, int, int], tag_id: int, status: TagStatus
) -> Any:
    scene = _scene(request, *ids)
    return services.set_tag_status(request.user, scene, tag_id, status)


@router.post(SC + "/tags/{int:tag_id}/confirm", response=s.TagOut, summary="Confirm a tag")
def confirm_tag(
    request: HttpRequest, project_id: int, script_id: int, number: int, scene_id: int, tag_id: int
) -> Any:
    ids = (project_id, script_id, number, scene_id)
    return _set_status(request, ids, tag_id, TagStatus.CONFIRMED)


@router.post(SC + "/tags/{int:tag_id}/reject", response=s.TagOut, summary="Reject a suggestion")
def reject_tag(
    request: HttpRequest, project_id: int, script_id: int, number: int, scene_id: int, tag_id: int
) -> Any:
    ids = (project_id, script_id, number, scene_id)
    return _set_status(request, ids, tag_id, TagStatus.REJECTED)


@router.delete(SC + "/tags/{int:tag_id}", response={204: None}, summary="Remove a tag")
def remove_tag(
    request: HttpRequest, project_id: int, script_id: int, number: int, scene_id: int, tag_id: int
) -> Any:
    scene = _scene(request, project_id, script_id, number, scene_id)
    services.remove_tag(request.user, scene, tag_id)
    return Status(204, None)


@router.get(
    P + "/breakdown-categories", response=list[s.CategoryOut], summary="Breakdown categories"
)
def list_categories(request: HttpRequest, project_id: int) -> Any:
    return services.categories(_project(request, project_id))
