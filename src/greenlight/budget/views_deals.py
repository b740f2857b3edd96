"""Deal memo pages: the list with the approvals waiting and the threshold, one deal with its
figures, decision and history, the form, the actions, labour lines and the PDF.

Only roles that manage deals reach any of them (the service refuses everyone else)."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from greenlight.accounts import services as accounts
from greenlight.accounts.capabilities import Capability
from greenlight.core.errors import Conflict, InvalidInput
from greenlight.projects import services as projects
from greenlight.projects.models import Project
from greenlight.web.forms import posted_version, run_action
from greenlight.web.history import history_of

from . import deal_lines, deal_memos, deal_pdf
from .forms_deals import DealForm, DecisionForm, LinesForm, ThresholdForm
from .models import DealMemo, DealStatus, Line


def _project(request: HttpRequest, project_id: int) -> Project:
    return projects.get_project(request.user, project_id, Capability.MANAGE_DEALS)


def _context(request: HttpRequest, project: Project, **extra: Any) -> dict[str, Any]:
    caps = accounts.capabilities(request.user, project)
    return {"project": project, "caps": {c.value for c in caps}, **extra}


def _act(request: HttpRequest, action: Callable[[], Any], done: str | Callable[[Any], str]) -> bool:
    """Run a POST action; its refusal is shown as a message (nothing was saved)."""
    try:
        result = action()
    except (InvalidInput, Conflict) as error:
        messages.error(request, str(error))
        return False
    messages.success(request, done if isinstance(done, str) else done(result))
    return True


def deal_list(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    user = request.user
    threshold = deal_memos.approval_threshold(user, project)
    form = None
    if accounts.can(user, project, Capability.APPROVE_BUDGET):
        values = {"weekly": threshold.weekly, "total": threshold.total}
        form = ThresholdForm(
            initial={**values, "was_weekly": threshold.weekly, "was_total": threshold.total}
        )
    return render(
        request,
        "budget/deals.html",
        _context(
            request,
            project,
            deals=deal_memos.deals_of(user, project),
            waiting=deal_memos.waiting_for(user, project),
            threshold=threshold,
            threshold_form=form,
        ),
    )


@require_POST
def deal_threshold(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    form = ThresholdForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give both thresholds as amounts of 0 or more.")
        return redirect("deals", project.pk)
    data = form.cleaned_data
    _act(
        request,
        lambda: deal_memos.set_approval_threshold(
            request.user, project, weekly=data["weekly"], total=data["total"], was=form.was()
        ),
        "Approval threshold saved.",
    )
    return redirect("deals", project.pk)


def deal_new(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    choices = deal_memos.choices(request.user, project)
    initial = {"person": request.GET.get("person")} if request.GET.get("person") else None
    form = DealForm(request.POST or None, project=project, choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data, _ = form.changes()
        submit = "submit" in request.POST
        deal = run_action(
            form,
            lambda: deal_memos.create_deal(
                request.user, project, data, at=timezone.now(), submit=submit
            ),
        )
        if deal is not None:
            messages.success(request, _saved(deal, submitted=submit))
            return redirect("deal", project.pk, deal.pk)
    return render(request, "budget/deal_form.html", _context(request, project, form=form))


def deal_edit(request: HttpRequest, project_id: int, deal_id: int) -> HttpResponse:
    project = _project(request, project_id)
    deal = deal_memos.get_deal(request.user, project, deal_id)
    choices = deal_memos.choices(request.user, project)
    form = DealForm(request.POST or None, instance=deal, project=project, choices=choices)
    if request.method == "POST" and form.is_valid():
        data, version = form.changes()
        saved = run_action(
            form,
            lambda: deal_memos.update_deal(
                request.user, project, deal_id, data, version=version, at=timezone.now()
            ),
        )
        if saved is not None:
            messages.success(request, _saved(saved, submitted=saved.status != deal.status))
            return redirect("deal", project.pk, deal_id)
    return render(
        request, "budget/deal_form.html", _context(request, project, form=form, deal=deal)
    )


def _saved(deal: DealMemo, *, submitted: bool) -> str:
    if not submitted or deal.status == DealStatus.DRAFT:
        return f"Saved the deal memo of {deal.person}."
    if deal.status == DealStatus.PENDING:
        return f"{deal.person}'s deal is above the threshold: it waits for the executive producer."
    return f"{deal.person}'s deal is approved."


def deal_detail(request: HttpRequest, project_id: int, deal_id: int) -> HttpResponse:
    project = _project(request, project_id)
    user = request.user
    deal = deal_memos.get_deal(user, project, deal_id)
    doc = deal_memos.memo_document(user, project, deal_id, today=_today())
    caps = accounts.capabilities(user, project)
    approving = Capability.APPROVE_BUDGET in caps and deal.status == DealStatus.PENDING
    generating = Capability.EDIT_BUDGET in caps and deal.status == DealStatus.APPROVED
    lines = None
    if Capability.VIEW_BUDGET in caps:
        lines = (
            Line.objects.filter(deal=deal)
            .values("budget__id", "budget__name", "budget__status")
            .annotate(count=Count("id"))
            .order_by("budget__name")
        )
    return render(
        request,
        "budget/deal.html",
        _context(
            request,
            project,
            deal=deal,
            doc=doc,
            rate=deal_pdf.rate_text(doc),
            needs_approval=deal_memos.figures(deal).needs_approval,
            decision=deal_memos.decision_of(deal),
            decision_form=DecisionForm(initial={"version": deal.version}) if approving else None,
            lines_form=LinesForm(project=project) if generating else None,
            budget_lines=lines,
            history=history_of(deal) if Capability.VIEW_HISTORY in caps else None,
        ),
    )


def _today() -> date:
    return timezone.localdate()


@require_POST
def deal_submit(request: HttpRequest, project_id: int, deal_id: int) -> HttpResponse:
    project = _project(request, project_id)
    version = posted_version(request.POST)
    _act(
        request,
        lambda: deal_memos.submit_deal(
            request.user, project, deal_id, version=version, at=timezone.now()
        ),
        lambda deal: _saved(deal, submitted=True),
    )
    return redirect("deal", project.pk, deal_id)


@require_POST
def deal_approve(request: HttpRequest, project_id: int, deal_id: int) -> HttpResponse:
    project = _project(request, project_id)
    note = request.POST.get("note", "")
    version = posted_version(request.POST)
    _act(
        request,
        lambda: deal_memos.approve_deal(
            request.user, project, deal_id, version=version, at=timezone.now(), note=note
        ),
        "Deal approved.",
    )
    return redirect("deal", project.pk, deal_id)


@require_POST
def deal_reject(request: HttpRequest, project_id: int, deal_id: int) -> HttpResponse:
    project = _project(request, project_id)
    note = request.POST.get("note", "")
    version = posted_version(request.POST)
    _act(
        request,
        lambda: deal_memos.reject_deal(
            request.user, project, deal_id, version=version, at=timezone.now(), note=note
        ),
        "Deal rejected; the associate producer can change it and submit it again.",
    )
    return redirect("deal", project.pk, deal_id)


@require_POST
def deal_delete(request: HttpRequest, project_id: int, deal_id: int) -> HttpResponse:
    project = _project(request, project_id)
    version = posted_version(request.POST)
    if _act(
        request,
        lambda: deal_memos.delete_deal(request.user, project, deal_id, version=version),
        "Deal memo deleted.",
    ):
        return redirect("deals", project.pk)
    return redirect("deal", project.pk, deal_id)


@require_POST
def deal_generate(request: HttpRequest, project_id: int, deal_id: int) -> HttpResponse:
    project = _project(request, project_id)
    accounts.require(request.user, project, Capability.EDIT_BUDGET)
    form = LinesForm(request.POST, project=project)
    if not form.is_valid():
        problems = "; ".join(f"{k}: {' '.join(str(m) for m in v)}" for k, v in form.errors.items())
        messages.error(request, f"Nothing was generated. {problems}")
        return redirect("deal", project.pk, deal_id)
    try:
        made = deal_lines.generate_lines(
            request.user,
            project,
            deal_id,
            form.cleaned_data["budget"].pk,
            shoot_hours=form.cleaned_data["shoot_hours"],
        )
    except (InvalidInput, Conflict) as error:
        messages.error(request, f"Nothing was generated. {error}")
    else:
        messages.success(request, "Generated " + deal_lines.describe(made))
    return redirect("deal", project.pk, deal_id)


def deal_pdf_view(request: HttpRequest, project_id: int, deal_id: int) -> HttpResponse:
    project = _project(request, project_id)
    doc = deal_memos.memo_document(request.user, project, deal_id, today=_today())
    response = HttpResponse(deal_pdf.render(doc), content_type="application/pdf")
    name = f"{project.code}-deal-memo-{doc.number}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
