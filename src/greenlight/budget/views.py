"""Budget pages: versions, the topsheet, a category's accounts and lines, editing a line,
globals and fringes, variance against the locked version, import and export."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from greenlight.accounts import services as accounts
from greenlight.accounts.capabilities import Capability
from greenlight.core.errors import NotFound
from greenlight.projects import services as projects
from greenlight.projects.models import Project
from greenlight.scheduling import services as scheduling
from greenlight.web.forms import posted_version, run_action

from . import charts, exchange, services
from .forms import (
    ContractualForm,
    FringeForm,
    GlobalForm,
    ImportForm,
    IncentiveForm,
    LineForm,
    NewBudgetForm,
)
from .model import Section
from .models import Account, Budget, Category, Line

SECTION_LABELS = {
    Section.ATL: "Above the line",
    Section.BTL: "Below the line: production",
    Section.POST: "Below the line: post-production",
    Section.OTHER: "Other",
}


def context(request: HttpRequest, project: Project, **extra: Any) -> dict[str, Any]:
    caps = accounts.capabilities(request.user, project)
    return {"project": project, "caps": {c.value for c in caps}, **extra}


def project_of(request: HttpRequest, project_id: int, *, writing: bool = False) -> Project:
    capability = Capability.EDIT_BUDGET if writing else Capability.VIEW_BUDGET
    return projects.get_project(request.user, project_id, capability)


def budget_of(
    request: HttpRequest, project_id: int, budget_id: int, *, writing: bool = False
) -> Budget:
    project = project_of(request, project_id, writing=writing)
    return services.get_budget(request.user, project, budget_id)


def budgets(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=request.method == "POST")
    form = NewBudgetForm(request.POST or None, charts=charts.available())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = run_action(
            form,
            lambda: services.create_budget(
                request.user, project, name=data["name"], chart=data["chart"], at=timezone.now()
            ),
        )
        if made is not None:
            messages.success(request, f"Created {made.name} from the {data['chart']} chart.")
            return redirect("budget", project.pk, made.pk)
    rows = [(b, services.sheet(request.user, b)) for b in services.budgets(request.user, project)]
    return render(
        request,
        "budget/budgets.html",
        context(request, project, rows=rows, form=form, import_form=ImportForm()),
    )


@require_POST
def import_budget(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=True)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        made = run_action(
            form,
            lambda: exchange.import_budget(
                request.user,
                project,
                name=form.cleaned_data["name"],
                filename=upload.name or "budget",
                data=upload.read(),
                at=timezone.now(),
            ),
        )
        if made is not None:
            messages.success(request, f"Imported {made.name}.")
            return redirect("budget", project.pk, made.pk)
    rows = [(b, services.sheet(request.user, b)) for b in services.budgets(request.user, project)]
    new_form = NewBudgetForm(charts=charts.available())
    return render(
        request,
        "budget/budgets.html",
        context(request, project, rows=rows, form=new_form, import_form=form),
        status=422,
    )


def topsheet(request: HttpRequest, project_id: int, budget_id: int) -> HttpResponse:
    budget = budget_of(request, project_id, budget_id)
    sheet = services.sheet(request.user, budget)
    ids = dict(Category.objects.filter(budget=budget).values_list("code", "pk"))
    rows = [
        {"totals": cat, "pk": ids[cat.code], "section": SECTION_LABELS[cat.section]}
        for cat in sheet.computed.categories
    ]
    return render(
        request,
        "budget/topsheet.html",
        context(
            request,
            budget.project,
            budget=budget,
            sheet=sheet,
            c=sheet.computed,
            category_rows=rows,
        ),
    )


def category(
    request: HttpRequest, project_id: int, budget_id: int, category_id: int
) -> HttpResponse:
    budget = budget_of(request, project_id, budget_id)
    row = Category.objects.filter(budget=budget, pk=category_id).first()
    if row is None:
        raise NotFound(f"No category #{category_id} in {budget}.")
    sheet = services.sheet(request.user, budget)
    totals = next(c for c in sheet.computed.categories if c.code == row.code)
    ids = {a.code: a.pk for a in Account.objects.filter(category=row)}
    # A line's identity key survives copies; the edit link needs this version's row id.
    line_ids = {x.key or str(x.pk): x.pk for x in Line.objects.filter(account__category=row)}
    accounts = [
        (account, ids.get(account.code), [(t, line_ids.get(t.line.key)) for t in account.lines])
        for account in totals.accounts
    ]
    return render(
        request,
        "budget/category.html",
        context(
            request,
            budget.project,
            budget=budget,
            category=row,
            totals=totals,
            accounts=accounts,
            c=sheet.computed,
        ),
    )


def line(request: HttpRequest, project_id: int, budget_id: int, line_id: int) -> HttpResponse:
    budget = budget_of(request, project_id, budget_id, writing=request.method == "POST")
    instance = (
        Line.objects.select_related("account__category").filter(budget=budget, pk=line_id).first()
    )
    if instance is None:
        raise NotFound(f"No line #{line_id} in {budget}.")
    form = LineForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        saved = run_action(
            form,
            lambda: services.update_line(
                request.user, budget, line_id, changes, version=posted_version(request.POST)
            ),
        )
        if saved is not None:
            messages.success(request, f"Saved '{saved.description}'.")
            return redirect("budget_category", project_id, budget_id, instance.account.category_id)
    return render(
        request,
        "budget/line.html",
        context(request, budget.project, budget=budget, line=instance, form=form),
    )


@require_POST
def line_add(
    request: HttpRequest, project_id: int, budget_id: int, account_id: int
) -> HttpResponse:
    budget = budget_of(request, project_id, budget_id, writing=True)
    made = services.add_line(request.user, budget, account_id, {"description": "New line"})
    return redirect("budget_line", project_id, budget_id, made.pk)


@require_POST
def line_delete(
    request: HttpRequest, project_id: int, budget_id: int, line_id: int
) -> HttpResponse:
    budget = budget_of(request, project_id, budget_id, writing=True)
    found = Line.objects.filter(budget=budget, pk=line_id).select_related("account").first()
    services.delete_line(request.user, budget, line_id)
    messages.success(request, "Line deleted.")
    if found is None:
        return redirect("budget", project_id, budget_id)
    return redirect("budget_category", project_id, budget_id, found.account.category_id)


def setup(request: HttpRequest, project_id: int, budget_id: int) -> HttpResponse:
    """Globals (and what they follow), fringes and currencies."""
    budget = budget_of(request, project_id, budget_id, writing=request.method == "POST")
    global_form = GlobalForm(request.POST if "global" in request.POST else None)
    fringe_form = FringeForm(request.POST if "fringe" in request.POST else None)
    contractual_form = ContractualForm(request.POST if "contractual" in request.POST else None)
    incentive_form = IncentiveForm(request.POST if "incentive" in request.POST else None)
    if request.method == "POST":
        done = _setup_post(request, budget, global_form, fringe_form) or _topsheet_post(
            request, budget, contractual_form, incentive_form
        )
        if done:
            return redirect("budget_setup", project_id, budget_id)
    sheet = services.sheet(request.user, budget)
    return render(
        request,
        "budget/setup.html",
        context(
            request,
            budget.project,
            budget=budget,
            sheet=sheet,
            c=sheet.computed,
            global_form=global_form,
            fringe_form=fringe_form,
            contractual_form=contractual_form,
            incentive_form=incentive_form,
        ),
    )


def _setup_post(
    request: HttpRequest, budget: Budget, global_form: GlobalForm, fringe_form: FringeForm
) -> bool:
    version = posted_version(request.POST)
    if "global" in request.POST and global_form.is_valid():
        data = global_form.cleaned_data
        saved = run_action(
            global_form,
            lambda: services.set_global(request.user, budget, version=version, **data),
        )
        if saved is not None:
            messages.success(request, f"{saved.name} saved; the budget recalculated.")
            return True
    if "fringe" in request.POST and fringe_form.is_valid():
        fields = dict(fringe_form.cleaned_data)
        saved_fringe = run_action(
            fringe_form, lambda: services.save_fringe(request.user, budget, fields, version=version)
        )
        if saved_fringe is not None:
            messages.success(request, f"Fringe {saved_fringe.code} saved.")
            return True
    if "delete_global" in request.POST:
        services.delete_global(request.user, budget, request.POST["delete_global"], version=version)
        return True
    if "delete_fringe" in request.POST:
        services.delete_fringe(request.user, budget, request.POST["delete_fringe"], version=version)
        return True
    if "currency" in request.POST:
        services.set_currency(
            request.user,
            budget,
            request.POST.get("currency", ""),
            request.POST.get("rate", ""),
            version=version,
        )
        return True
    return False


def _topsheet_post(
    request: HttpRequest,
    budget: Budget,
    contractual_form: ContractualForm,
    incentive_form: IncentiveForm,
) -> bool:
    """Contractuals (contingency, bond, insurance) and incentives on the setup page."""
    version = posted_version(request.POST)
    if "contractual" in request.POST and contractual_form.is_valid():
        data = contractual_form.cleaned_data
        saved = run_action(
            contractual_form,
            lambda: services.save_contractual(request.user, budget, version=version, **data),
        )
        return saved is not None
    if "incentive" in request.POST and incentive_form.is_valid():
        fields = incentive_form.cleaned_data
        made = run_action(
            incentive_form,
            lambda: services.save_incentive(request.user, budget, version=version, **fields),
        )
        return made is not None
    if "delete_contractual" in request.POST:
        services.delete_contractual(
            request.user, budget, request.POST["delete_contractual"], version=version
        )
        return True
    if "delete_incentive" in request.POST:
        services.delete_incentive(
            request.user, budget, request.POST["delete_incentive"], version=version
        )
        return True
    return False


@require_POST
def status(request: HttpRequest, project_id: int, budget_id: int) -> HttpResponse:
    """Lock (approve), copy or delete a version."""
    budget = budget_of(request, project_id, budget_id, writing=True)
    action = request.POST.get("action")
    if action == "lock":
        services.lock_budget(
            request.user, budget, version=posted_version(request.POST), at=timezone.now()
        )
        messages.success(request, f"{budget.name} is locked (approved).")
    elif action == "copy":
        copy = services.copy_budget(
            request.user, budget, name=request.POST.get("name", ""), at=timezone.now()
        )
        messages.success(request, f"Copied to {copy.name}.")
        return redirect("budget", project_id, copy.pk)
    elif action == "delete":
        services.delete_budget(request.user, budget)
        messages.success(request, f"Deleted {budget.name}.")
        return redirect("budgets", project_id)
    return redirect("budget", project_id, budget_id)


def variance(request: HttpRequest, project_id: int, budget_id: int) -> HttpResponse:
    budget = budget_of(request, project_id, budget_id)
    found = services.variance(request.user, budget)
    return render(
        request,
        "budget/variance.html",
        context(request, budget.project, budget=budget, variance=found),
    )


def export(request: HttpRequest, project_id: int, budget_id: int, fmt: str) -> HttpResponse:
    budget = budget_of(request, project_id, budget_id)
    name, content_type, data = exchange.export_budget(request.user, budget, fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def schedule_impact(request: HttpRequest, project_id: int, schedule_id: int) -> HttpResponse:
    """The cost of a schedule's waiting proposal, line by line, before it is accepted."""
    project = project_of(request, project_id)
    schedule = scheduling.get_schedule(request.user, project, schedule_id)
    impact = services.schedule_impact(request.user, schedule)
    return render(
        request,
        "budget/schedule_impact.html",
        context(request, project, schedule=schedule, impact=impact),
    )
