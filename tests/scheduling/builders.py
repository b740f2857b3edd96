"""A small broken-down script on a project, ready to schedule, for the Django-side tests."""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from greenlight.projects import services as projects
from greenlight.scheduling import services
from greenlight.scheduling.models import CastMember, Schedule
from greenlight.screenplay import services as screenplay
from greenlight.screenplay.models import Draft

AT = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
START = date(2027, 3, 1)  # a Monday

SCRIPT = """Title: Board Test

INT. STATION - BOOTH - NIGHT

JUNE leans into the microphone.

JUNE
You're listening to the night owl.

EXT. BRIDGE - DAY

REYES looks down at the water.

REYES
Nothing here.

INT. STATION - HALLWAY - NIGHT

JUNE
Who let you in?

REYES
The door did.

EXT. BRIDGE - NIGHT

JUNE
It was here. He said it would be here.

INT. DINER - DAY

ROSIE pours coffee.

ROSIE
Same as always?

REYES
Same as always.

INT. STATION - BOOTH - NIGHT

JUNE
Caller, you're on the air.

EXT. PARK - DAY

TEO runs across the grass.

TEO
Aunt June! Watch!

INT. DINER - NIGHT

ROSIE
We're closing.

JUNE
Five more minutes.
"""


def script_on(project: Any, actor: Any) -> Draft:
    return screenplay.import_script(
        actor, project, "board.fountain", SCRIPT.encode(), title="Board Test", at=AT
    )


def schedule_on(project: Any, actor: Any, name: str = "First pass", **settings: Any) -> Schedule:
    draft = script_on(project, actor) if not project.scripts.exists() else None
    script = draft.script if draft else project.scripts.first()
    schedule = services.create_schedule(
        actor, project, script_id=script.pk, name=name, start_date=START, at=AT
    )
    if settings:
        schedule = services.update_settings(actor, schedule, settings, version=schedule.version)
    return schedule


def cast_person(
    project: Any, actor: Any, character: str, name: str, rate: str, **extra: Any
) -> Any:
    """A performer with a daily rate, linked to the character's cast number."""
    person = projects.create_person(
        actor,
        project,
        {"name": name, "kind": "cast", "position": character, "daily_rate": Decimal(rate)},
    )
    member = CastMember.objects.get(project=project, element__name=character)
    for field, value in {"person": person, **extra}.items():
        setattr(member, field, value)
    member.save()
    return person
