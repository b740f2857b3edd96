"""Budgets in and out of files: the Greenlight budget JSON format, XLSX that round-trips, CSV
and PDF (topsheet and full budget). Imports are all or nothing."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.utils.text import slugify

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import require
from greenlight.core.errors import InvalidInput, NotFound
from greenlight.projects.models import Project

from . import csvformat, jsonformat, model, pdf, services, xlsx
from .formulas import BudgetError
from .models import Budget

MAX_IMPORT_BYTES = 20 * 1024 * 1024

Reader = Callable[[bytes, str], model.Budget]


def _readers() -> dict[str, Reader]:
    return {
        ".json": lambda data, name: jsonformat.load(data, source=name),
        ".xlsx": lambda data, name: xlsx.from_xlsx(data, source=name),
        # A CSV holds lines only: a new version from one has no globals, fringes or currencies.
        ".csv": lambda data, name: csvformat.from_csv(data, source=name),
    }


def import_budget(
    actor: Any, project: Project, *, name: str, filename: str, data: bytes, at: datetime
) -> Budget:
    """A new draft version from a file; a file with any problem imports nothing."""
    require(actor, project, Capability.EDIT_BUDGET)
    if len(data) > MAX_IMPORT_BYTES:
        raise InvalidInput.single(
            "file",
            f"{filename} is {len(data):,} bytes; budgets are limited to {MAX_IMPORT_BYTES:,}.",
        )
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    reader = _readers().get(suffix)
    if reader is None:
        kinds = ", ".join(sorted(_readers()))
        raise InvalidInput.single("file", f"{filename}: choose a budget file ({kinds}).")
    try:
        doc = reader(data, filename)
        return services.create_budget(
            actor, project, name=name or doc.title or filename, doc=doc, at=at
        )
    except BudgetError as error:
        # Filed under the file, each problem with where it is, for the upload form to show.
        raise InvalidInput(
            {"file": [_place(where, message) for where, message in error.problems()]}
        ) from None


def _place(where: str, message: str) -> str:
    return message if where == "__all__" else f"{where}: {message}"


Writer = Callable[[services.Sheet], bytes]


def _writers() -> dict[str, tuple[str, str, Writer]]:
    """Format -> (file suffix, content type, writer)."""

    def titles(sheet: services.Sheet) -> dict[str, str]:
        budget = sheet.budget
        status = budget.get_status_display()
        return {
            "title": budget.project.title,
            "subtitle": f"{budget.name} · {status} · figures in {sheet.doc.currency}",
        }

    return {
        "json": (
            "json",
            "application/json",
            lambda sheet: jsonformat.dump(sheet.doc).encode(),
        ),
        "xlsx": (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            lambda sheet: xlsx.to_xlsx(sheet.doc, sheet.computed),
        ),
        "csv": (
            "csv",
            "text/csv; charset=utf-8",
            # The byte-order mark tells Excel the file is UTF-8.
            lambda sheet: ("\ufeff" + csvformat.to_csv(sheet.doc, sheet.computed)).encode(),
        ),
        "pdf": (
            "pdf",
            "application/pdf",
            lambda sheet: pdf.budget_pdf(sheet.doc, sheet.computed, **titles(sheet)),
        ),
        "topsheet": (
            "topsheet.pdf",
            "application/pdf",
            lambda sheet: pdf.topsheet_pdf(sheet.doc, sheet.computed, **titles(sheet)),
        ),
    }


def export_budget(actor: Any, budget: Budget, fmt: str) -> tuple[str, str, bytes]:
    """(file name, content type, bytes) of ``budget`` in ``fmt``."""
    writers = _writers()
    if fmt not in writers:
        raise NotFound(f"Budgets export as {', '.join(writers)}, not {fmt!r}.")
    suffix, content_type, write = writers[fmt]
    sheet = services.sheet(actor, budget)
    stem = slugify(f"{budget.project.code} {budget.name}") or "budget"
    return f"{stem}.{suffix}", content_type, write(sheet)
