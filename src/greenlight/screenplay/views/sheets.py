"""Breakdown sheets: one scene's as a page or a PDF, and a draft's as a background job."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import reports
from ..tasks import start_breakdown_sheets
from .common import draft_of, render_draft, scene_of


def pdf_response(name: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def sheet(
    request: HttpRequest, project_id: int, script_id: int, number: int, scene_id: int
) -> HttpResponse:
    scene = scene_of(request, project_id, script_id, number, scene_id)
    draft = scene.draft
    (found,) = reports.sheets(request.user, draft, scene.pk)
    return render_draft(request, "screenplay/sheet.html", draft, scene=scene, sheet=found)


def sheet_pdf(
    request: HttpRequest, project_id: int, script_id: int, number: int, scene_id: int
) -> HttpResponse:
    scene = scene_of(request, project_id, script_id, number, scene_id)
    return pdf_response(*reports.sheets_pdf(request.user, scene.draft, scene.pk))


@require_POST
def sheets_job(request: HttpRequest, project_id: int, script_id: int, number: int) -> HttpResponse:
    draft = draft_of(request, project_id, script_id, number)
    job = start_breakdown_sheets(request.user, draft, at=timezone.now())
    return redirect("job", job.pk)
