"""Night Owl in production: its script broken down, cast and locations set up, an optimised and
locked shooting schedule beside the script-order draft, a call sheet and calendar feeds."""

from datetime import date, datetime, time
from decimal import Decimal
from importlib import resources
from typing import Any

from django.utils import timezone

from greenlight import demo_budget
from greenlight.projects import services as projects
from greenlight.projects.models import Project
from greenlight.scheduling import calls, feeds, proposals, setup
from greenlight.scheduling import services as scheduling
from greenlight.scheduling.models import CastMember, Schedule
from greenlight.screenplay import services as screenplay
from greenlight.screenplay.models import Tag, TagStatus

START = date(2027, 3, 1)
OPTIMISER_SECONDS = 8

# character -> (performer, minor age, holds allowed, drop/pick-up days)
CAST: dict[str, tuple[str, int | None, bool, int | None]] = {
    "JUNE": ("Maya Okafor", None, True, None),
    "REYES": ("Tom Brandt", None, True, None),
    "CALLER #3": ("Lila Chen", None, True, 10),
    "MARCUS": ("Omar Haddad", None, True, 10),
    "TEO": ("Leo Grant", 10, False, 10),
    "ROSIE": ("Dolores Vega", None, False, 10),
    "OFFICER PAK": ("Daniel Pak", None, False, 10),
}
NEW_CAST = {
    "Leo Grant": ("TEO (June's nephew, 10)", "650.00", "leo.parent@example.com"),
    "Dolores Vega": ("ROSIE (diner owner)", "1100.00", "dolores@example.com"),
    "Daniel Pak": ("OFFICER PAK", "850.00", "daniel@example.com"),
}
KEPT_ELEMENTS = frozenset(
    {
        # vehicles
        "BLUE PICKUP",
        "DELIVERY VAN",
        "REYES'S SEDAN",
        "TOW TRUCK",
        # special effects
        "CANNERY FIRE",
        "FIRE ENGINE",
        "RAIN",
        "SPARKS",
        # props and wardrobe as suggested
        "ALARM CLOCK",
        "BLANKET",
        "BOLT CUTTERS",
        "CAMP STOVE",
        "CANNERY KEY",
        "CARDIGAN",
        "CARNATIONS",
        "CASSETTE",
        "CASSETTE PLAYER",
        "CHAIN AND PADLOCK",
        "CROWBAR",
        "EVIDENCE BAG",
        "FLASHLIGHT",
        "FRAMED PHOTOGRAPH",
        "GAS CAN",
        "GREY FISHERMAN'S SWEATER",
        "HANDHELD RECORDER",
        "JUNE'S HATCHBACK",
        "KITCHEN KNIFE",
        "KWLR LANYARD",
        "LOG SHEET",
        "MAP",
        "NEWSPAPER CLIPPINGS",
        "NEWS SCRIPT",
        "ON-AIR LIGHT",
        "PARKA",
        "PAYPHONE",
        "PHONE CONSOLE",
        "POLICE CRUISER",
        "REEL-TO-REEL RECORDER",
        "RHUBARB PIE",
        "SHATTERED WINDOW",
        "SPLINTERED RAILING",
        "TEO'S BACKPACK",
        "THERMOS",
        "TRANSISTOR RADIO",
        "TUNA SANDWICH",
        "VENDING MACHINE",
        "YELLOW RAINCOAT",
        "ZIPPO LIGHTER",
    }
)
HOSPITAL = "Port Carrow General, 200 Harbour Rd, +1 555 0199"
# site -> (address, parking, available from, available to, notes)
LOCATIONS: dict[str, tuple[str, str, date | None, date | None, str]] = {
    "KWLR RADIO STATION": (
        "1340 Cannery Rd, Port Carrow",
        "Lot behind the building; unit base on Pier St",
        None,
        None,
        "Working station: keep quiet on the booth floor 06:00-09:00 (morning show).",
    ),
    "JUNE'S APARTMENT": (
        "44 Alder St, Apt 3B",
        "Street parking, permits from the city",
        None,
        None,
        "",
    ),
    "POLICE PRECINCT": (
        "Stage 2, Harbour Studios, 9 Dock Lane",
        "Studio lot",
        None,
        None,
        "Set build.",
    ),
    "ROSIE'S DINER": ("Rosie's Diner, 12 Front St", "Public lot across Front St", None, None, ""),
    "HARBOUR BRIDGE": (
        "Harbour Bridge east walkway",
        "Crew parking at the ferry terminal",
        date(2027, 3, 1),
        date(2027, 3, 19),
        "Permit: walkway closures until 19 March only.",
    ),
    "CANNERY ROW": ("Cannery Row alley off Pier St", "Pier St lot", None, None, ""),
    "ST. AGNES SCHOOL": (
        "St. Agnes School, 3 Chapel Hill",
        "Staff car park",
        date(2027, 3, 8),
        date(2027, 3, 12),
        "Half-term week only; studio teacher on set for Teo.",
    ),
    "RIVERSIDE PARK": ("Riverside Park, north gate", "North gate car park", None, None, ""),
    "ABANDONED CANNERY": ("Old Harbour Cannery, Pier 9", "Pier 9 apron", None, None, "Hard hats."),
}


def populate(ep: Any, ap: Any, project: Project) -> list[str]:
    """Set Night Owl up for shooting; returns lines worth printing (the feeds' secret URLs)."""
    at = timezone.now()
    script = _script(ep, project, at)
    draft = scheduling.create_schedule(
        ep, project, script_id=script, name="Script order", start_date=START, at=at
    )
    _cast(ep, project)
    _locations(ep, project)
    setup.add_calendar_day(
        ep, project, on=date(2027, 3, 26), kind="holiday", label="Company holiday"
    )
    locked = _optimised(ep, draft, at)
    _call_sheet(ep, locked)
    demo_budget.populate(ep, ap, project, at)
    production = feeds.create_feed(ep, project, person_id=None, at=at)
    maya = project.people.get(name="Maya Okafor")
    personal = feeds.create_feed(ep, project, person_id=maya.pk, at=at)
    return [
        f"Night Owl production calendar: {production.url}",
        f"Maya Okafor's calendar:        {personal.url}",
    ]


def _script(ep: Any, project: Project, at: datetime) -> int:
    data = resources.files("greenlight.demo_script").joinpath("night_owl.fountain").read_bytes()
    draft = screenplay.import_script(ep, project, "night_owl.fountain", data, at=at)
    # The demo producer has reviewed the suggested breakdown: kept the real elements and
    # rejected names, words and places that only looked like them.
    suggested = Tag.objects.filter(scene__draft=draft, status=TagStatus.SUGGESTED)
    for tag in suggested.select_related("scene", "element"):
        keep = tag.element.name in KEPT_ELEMENTS
        decision = TagStatus.CONFIRMED if keep else TagStatus.REJECTED
        screenplay.set_tag_status(ep, tag.scene, tag.pk, decision)
    return draft.script_id


def _cast(ep: Any, project: Project) -> None:
    for name, (position, rate, email) in NEW_CAST.items():
        projects.create_person(
            ep,
            project,
            {
                "name": name,
                "kind": "cast",
                "position": position,
                "email": email,
                "daily_rate": Decimal(rate),
            },
        )
    for character, (performer, age, holds, drop) in CAST.items():
        member = CastMember.objects.filter(project=project, element__name=character).first()
        if member is None:
            continue
        person = project.people.get(name=performer)
        changes = {"person": person.pk, "minor_age": age, "allow_hold": holds}
        changes["drop_pickup_days"] = drop
        setup.update_cast_member(ep, project, member.pk, changes, version=member.version)
    june = CastMember.objects.get(project=project, element__name="JUNE")
    setup.add_element_day(ep, project, june.pk, on=date(2027, 2, 22), kind="fitting")
    setup.add_element_day(ep, project, june.pk, on=date(2027, 2, 25), kind="rehearsal")
    reyes = CastMember.objects.get(project=project, element__name="REYES")
    setup.add_element_day(ep, project, reyes.pk, on=date(2027, 2, 26), kind="travel")


def _locations(ep: Any, project: Project) -> None:
    for name, (address, parking, start, end, notes) in LOCATIONS.items():
        location = setup.create_location(ep, project, name)
        changes = {
            "address": address,
            "parking": parking,
            "hospital": HOSPITAL,
            "available_from": start,
            "available_to": end,
            "notes": notes,
        }
        setup.update_location(ep, project, location.pk, changes, version=location.version)


def _optimised(ep: Any, draft: Schedule, at: datetime) -> Schedule:
    """A copy of the script-order board, optimised, accepted and locked."""
    schedule = scheduling.duplicate_schedule(ep, draft, name="Shooting schedule v1", at=at)
    schedule = scheduling.update_settings(
        ep, schedule, {"time_limit": OPTIMISER_SECONDS}, version=schedule.version
    )
    proposals.optimise(schedule.pk, at=at)
    schedule.refresh_from_db()
    proposal = proposals.proposal_of(schedule)
    if proposal is not None and proposal.usable:
        schedule = proposals.accept_proposal(ep, schedule, version=schedule.version)
    return scheduling.lock_schedule(ep, schedule, version=schedule.version)


def _call_sheet(ep: Any, schedule: Schedule) -> None:
    board = scheduling.board(ep, schedule)
    first = board.days[0] if board.days else None
    if first is None or first.date is None:
        return
    entries = calls.Entries(
        crew_call=time(6, 30) if not first.night else time(17, 0),
        shooting_call=time(7, 30) if not first.night else time(18, 0),
        estimated_wrap=time(18, 0) if not first.night else time(5, 0),
        weather="Fog clearing by 10:00; 9-14 C; rain after dark",
        sunrise=time(6, 23),
        sunset=time(17, 58),
        notes="Closed set in the booth. Quiet on the station floor during takes.",
        department_notes={"CAM": "B camera on the bridge walkway; rain bars rigged by 16:00."},
        on_set={},
    )
    # A new call sheet row starts at version 1.
    calls.edit_call_sheet(ep, schedule, first.date, entries, version=1)
