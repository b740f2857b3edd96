"""Checks on a deal memo's fields: each one against the project and, when the project has a
budget, against the current budget's accounts, fringes and currencies. All the problems are
reported at once, by field."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from greenlight.core.errors import InvalidInput
from greenlight.core.money import CURRENCIES
from greenlight.projects.models import Department, Person, Project

from . import deals, services
from .models import Account, Budget, BudgetCurrency, Fringe

REQUIRED = ("person", "position", "account_code", "rate", "rate_type", "start", "end")
MAX_HOURS = Decimal(24)


class _Errors(dict[str, list[str]]):
    def add(self, where: str, message: str) -> None:
        self.setdefault(where, []).append(message)


def clean(project: Project, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Every field of a deal checked and converted; all the problems at once, by field."""
    errors = _Errors()
    for name in REQUIRED:
        if fields.get(name) in (None, ""):
            errors.add(name, "This field is required.")
    budget = services.current_budget(project)
    data: dict[str, Any] = {
        "person": _person(project, fields.get("person"), errors),
        "department": _department(project, fields.get("department"), errors),
        "position": str(fields.get("position") or "").strip(),
        "account_code": str(fields.get("account_code") or "").strip(),
        "union": str(fields.get("union") or "").strip(),
        "fringes": services.fringe_codes(fields.get("fringes")),
        "currency": str(fields.get("currency") or project.currency).strip().upper(),
        "start": fields.get("start"),
        "end": fields.get("end"),
    }
    data.update(_terms(fields, errors))
    _against_budget(budget, project, data, errors)
    start, end = data["start"], data["end"]
    if isinstance(start, date) and isinstance(end, date) and end < start:
        errors.add("end", f"The deal ends ({end}) before it starts ({start}).")
    if not errors:
        _as_pure(data, errors)
    if errors:
        raise InvalidInput(dict(errors))
    return data


def _terms(fields: Mapping[str, Any], errors: _Errors) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, default in (("rate", None), ("guaranteed_hours", "0"), ("kit_rental", "0")):
        value = fields.get(name)
        out[name] = _amount(default if value in (None, "") else value, name, errors)
    hours = out["guaranteed_hours"]
    if hours is not None and hours > MAX_HOURS:
        errors.add("guaranteed_hours", "A day has 24 hours.")
    rate_type = str(fields.get("rate_type") or "")
    if rate_type and rate_type not in {t.value for t in deals.RateType}:
        known = ", ".join(t.value for t in deals.RateType)
        errors.add("rate_type", f"Choose a rate type: {known}.")
    out["rate_type"] = rate_type
    rule = str(fields.get("overtime_rule") or "ca_daily")
    if rule not in deals.OVERTIME_RULES:
        errors.add("overtime_rule", f"Choose an overtime rule: {', '.join(deals.OVERTIME_RULES)}.")
    out["overtime_rule"] = rule
    return out


def _amount(value: Any, name: str, errors: _Errors) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        errors.add(name, f"{value!r} is not a number.")
        return None
    if not amount.is_finite() or amount < 0:
        errors.add(name, "Give 0 or more.")
        return None
    return amount


def _person(project: Project, value: Any, errors: _Errors) -> Person | None:
    if value in (None, ""):
        return None
    found = Person.objects.filter(project=project, pk=getattr(value, "pk", value)).first()
    if found is None:
        errors.add("person", "Choose a person of this project.")
    return found


def _department(project: Project, value: Any, errors: _Errors) -> Department | None:
    if value in (None, ""):
        return None
    found = Department.objects.filter(project=project, pk=getattr(value, "pk", value)).first()
    if found is None:
        errors.add("department", "Choose a department of this project.")
    return found


def _against_budget(
    budget: Budget | None, project: Project, data: dict[str, Any], errors: _Errors
) -> None:
    """The account, fringes and currency must be the current budget's (when there is one)."""
    currency = data["currency"]
    if len(currency) != 3 or not currency.isalpha():
        errors.add("currency", f"{currency!r} is not a three-letter currency code.")
    if budget is None:
        if currency not in CURRENCIES:
            errors.add("currency", f"Choose a currency: {', '.join(CURRENCIES)}.")
        return
    accounts = set(Account.objects.filter(budget=budget).values_list("code", flat=True))
    code = data["account_code"]
    if code and code not in accounts:
        errors.add("account_code", f"{budget} has no account {code}.")
    fringes = set(Fringe.objects.filter(budget=budget).values_list("code", flat=True))
    unknown = [c for c in data["fringes"] if c not in fringes]
    if unknown:
        errors.add("fringes", f"{budget} has no fringe {', '.join(unknown)}.")
    rates = set(BudgetCurrency.objects.filter(budget=budget).values_list("code", flat=True))
    if currency not in {budget.currency, project.currency, *rates}:
        errors.add("currency", f"{budget} has no exchange rate for {currency}; add one there.")


def _as_pure(data: dict[str, Any], errors: _Errors) -> None:
    """The pay terms must make a deal (e.g. a daily rate needs its guaranteed hours)."""
    try:
        deals.Deal(
            person="",
            name="",
            position="",
            department="",
            account_code="",
            rate=data["rate"],
            rate_type=deals.RateType(data["rate_type"]),
            start=data["start"],
            end=data["end"],
            guaranteed_hours=data["guaranteed_hours"],
            overtime=data["overtime_rule"],
            kit_rental=data["kit_rental"],
        )
    except ValueError as error:
        message = str(error).split(": ", 1)[-1]
        errors.add("guaranteed_hours", message[:1].upper() + message[1:] + ".")
