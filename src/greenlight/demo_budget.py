"""Night Owl's money: the feature-film budget bound to the locked schedule, crew deal memos
with their labour lines, an approved (locked) version, purchase orders, actuals, funding."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from greenlight.budget import costs, costs_cash, deal_lines, deal_memos, services
from greenlight.budget.models import Budget, Line
from greenlight.projects.models import Project

# Cast paid from their first to their last day on the locked schedule (work and hold days).
BOUND_CAST = (
    ("JUNE", "Maya Okafor", "4500"),
    ("REYES", "Tom Brandt", "3200"),
    ("MARCUS", "Omar Haddad", "1800"),
)
# (person, position, account, rate, rate type, guaranteed hours, start, end)
DEALS = (
    ("Priya Nair", "Director of photography", "3301", "9500", "weekly", "12",
     date(2027, 2, 15), date(2027, 3, 19)),
    ("Sam Kowalski", "1st AC", "3303", "650", "daily", "12", date(2027, 2, 24), date(2027, 3, 12)),
    ("Ken Ito", "Sound mixer", "3401", "750", "daily", "12", date(2027, 2, 26), date(2027, 3, 12)),
)  # fmt: skip
LABOUR_FRINGES = "FICA, MEDI, FUTA, SUI, PAYFEE, PH-IATSE"
# Development and early prep, paid before the shoot (the demo's "today" is late 2026).
# (account, vendor, on, amount, description, po number)
PURCHASE_ORDERS = (
    ("3385", "Harbour Camera Rentals", date(2026, 11, 16), "30000", "Camera package", "PO-1001"),
    ("3602", "Port Carrow City Permits", date(2026, 11, 2), "8500", "Bridge walkway", "PO-1002"),
    ("2885", "Dockside Props", date(2026, 11, 18), "6000", "Radio booth props", "PO-1003"),
)
# (account, vendor, on, amount, kind, po number or "")
ACTUALS = (
    ("1101", "Kessing Literary Estate", date(2026, 9, 15), "50000", "invoice", ""),
    ("1102", "Greenlight Demo (writer)", date(2026, 10, 1), "125000", "payroll", ""),
    ("3602", "Port Carrow City Permits", date(2026, 11, 20), "4250", "invoice", "PO-1002"),
    ("3802", "Pier Street Offices", date(2026, 11, 16), "5000", "expense", ""),
    ("3385", "Harbour Camera Rentals", date(2026, 11, 24), "15000", "invoice", "PO-1001"),
)
FUNDING = (
    (date(2026, 9, 1), "0.30", "Signing (30%)"),
    (date(2027, 3, 1), "0.40", "Start of principal photography (40%)"),
    (date(2027, 7, 1), "0.20", "Picture lock (20%)"),
    (date(2027, 11, 30), "0.10", "Delivery (10%)"),
)


def populate(ep: Any, ap: Any, project: Project, at: datetime) -> Budget:
    """The draft built, deals approved and costed into it, then locked; costs booked."""
    draft = services.create_budget(ep, project, name="Budget v1", chart="feature", at=at)
    _bind_cast(ep, draft)
    _deals(ep, ap, project, draft, at)
    draft.refresh_from_db()
    locked = services.lock_budget(ep, draft, version=draft.version, at=at)
    _ledger(ep, project)
    total = services.sheet(ep, locked).computed.grand_total
    for on, share, source in FUNDING:
        amount = (total * Decimal(share)).quantize(Decimal("0.01"))
        costs_cash.add_funding(ep, project, on=on, amount=amount, source=source)
    services.copy_budget(ep, locked, name="Budget v2 (working)", at=at + timedelta(seconds=1))
    return locked


def _bind_cast(ep: Any, budget: Budget) -> None:
    """The lead line becomes one line per principal, paid for their days on the schedule."""
    lead = Line.objects.get(budget=budget, account__code="1401")
    for character, performer, rate in BOUND_CAST:
        name = f"{character.replace(' ', '_')}_DAYS"
        budget.refresh_from_db()
        services.set_global(
            ep,
            budget,
            name=name,
            expression="10",
            description=f"{character}'s paid days (work and hold)",
            binding=f"schedule.cast.{character}.paid",
            version=budget.version,
        )
        services.add_line(
            ep,
            budget,
            lead.account_id,
            {
                "description": f"{character} – {performer}",
                "amount": name,
                "unit": "day",
                "rate": rate,
                "fringes": lead.fringes,
                "person": performer,
            },
        )
    services.delete_line(ep, budget, lead.pk)


def _deals(ep: Any, ap: Any, project: Project, budget: Budget, at: datetime) -> None:
    # The chart's illustrative director of photography line gives way to the real deal.
    Line.objects.filter(budget=budget, account__code="3301").delete()
    for person, position, account, rate, rate_type, hours, start, end in DEALS:
        who = project.people.get(name=person)
        deal = deal_memos.create_deal(
            ap,
            project,
            {
                "person": who.pk,
                "position": position,
                "account_code": account,
                "rate": rate,
                "rate_type": rate_type,
                "guaranteed_hours": hours,
                "overtime_rule": "ca_daily",
                "kit_rental": "350" if account == "3301" else "0",
                "start": start,
                "end": end,
                "union": "IATSE Local 600" if account.startswith("33") else "IATSE Local 695",
                "fringes": LABOUR_FRINGES,
            },
            at=at,
            submit=True,
        )
        if deal.status == "pending":  # above the weekly threshold: the executive decides
            deal = deal_memos.approve_deal(
                ep, project, deal.pk, version=deal.version, at=at, note="Agreed on the call"
            )
        deal_lines.generate_lines(ep, project, deal.pk, budget.pk, shoot_hours=Decimal(12))


def _ledger(ep: Any, project: Project) -> None:
    currency = project.currency
    for account, vendor, on, amount, description, number in PURCHASE_ORDERS:
        costs.add_purchase_order(
            ep,
            project,
            costs.Entry(account, on, vendor, Decimal(amount), currency, description, po=number),
        )
    for account, vendor, on, amount, kind, number in ACTUALS:
        costs.add_actual(
            ep,
            project,
            costs.Entry(account, on, vendor, Decimal(amount), currency, "", kind=kind, po=number),
        )
