"""Scheduling storage: schedules and their strips, the shooting calendar, cast and locations as
the schedule sees them, call sheets and calendar feeds. Rules live in the pure modules."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords


class ScheduleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    LOCKED = "locked", "Locked"


class Schedule(models.Model):
    """One version of a project's shooting schedule: a board of strips and the rules it keeps."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="schedules"
    )
    script = models.ForeignKey(
        "screenplay.Script", on_delete=models.CASCADE, related_name="schedules"
    )
    name = models.CharField(max_length=120)
    status = models.CharField(
        max_length=10, choices=ScheduleStatus.choices, default=ScheduleStatus.DRAFT
    )
    start_date = models.DateField(help_text="The first shoot day.")
    work_weekdays = models.CharField(
        max_length=7, default="01234", help_text="Shooting weekdays, 0 = Monday ... 6 = Sunday."
    )
    max_eighths_per_day = models.PositiveIntegerField(
        null=True, blank=True, default=64, help_text="Most pages a day may hold, in eighths."
    )
    day_minutes = models.PositiveIntegerField(
        default=11 * 60,
        validators=[MinValueValidator(60), MaxValueValidator(24 * 60)],
        help_text="Shooting minutes in a day.",
    )
    minutes_per_eighth = models.PositiveIntegerField(
        default=8, help_text="Estimated shooting minutes per eighth of a page."
    )
    setup_minutes = models.PositiveIntegerField(
        default=30, help_text="Estimated set-up minutes per scene."
    )
    move_minutes = models.PositiveIntegerField(
        default=60, help_text="Minutes a company move costs."
    )
    max_locations_per_day = models.PositiveIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    turnaround_hours = models.PositiveIntegerField(
        default=12, validators=[MaxValueValidator(24)], help_text="Rest from wrap to next call."
    )
    cover_minutes = models.PositiveIntegerField(
        default=0, help_text="Interior cover kept in reserve after each exterior day."
    )
    day_call = models.TimeField(default="07:00")
    night_call = models.TimeField(default="18:00")
    weight_holding = models.PositiveIntegerField(
        default=1, help_text="How much a unit of cast holding cost counts."
    )
    move_cost = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=2000,
        help_text="Cost of one company move (lost shooting time, transport).",
    )
    day_cost = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=20000,
        help_text="Cost of one more shoot day (crew, equipment, locations).",
    )
    seed = models.PositiveIntegerField(default=0)
    time_limit = models.PositiveIntegerField(
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=(
            "Optimiser effort in solver seconds: about wall seconds on an idle machine, more "
            "on a busy one. The same effort and seed give the same schedule."
        ),
    )
    # The optimiser's last proposal, waiting to be accepted or discarded.
    proposal = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["proposal"])

    class Meta:
        ordering = ["project", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="schedule_name_unique"),
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(status="locked"),
                name="one_locked_schedule",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StripKind(models.TextChoices):
    SCENE = "scene", "Scene"
    DAY_BREAK = "day", "Day break"
    BANNER = "banner", "Banner"


class Strip(models.Model):
    """One row of the board: a scene, the end of a shoot day, or a banner."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="strips")
    kind = models.CharField(max_length=8, choices=StripKind.choices)
    position = models.PositiveIntegerField()
    boneyard = models.BooleanField(default=False)
    scene = models.ForeignKey(
        "screenplay.Scene", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(max_length=200, blank=True)  # a banner's words
    minutes = models.PositiveIntegerField(
        null=True, blank=True, help_text="Estimated shooting minutes; blank uses the page rate."
    )
    pinned_date = models.DateField(null=True, blank=True)
    cover = models.BooleanField(default=False, help_text="Interior that can be weather cover.")
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["schedule", "boneyard", "position"]

    def __str__(self) -> str:
        return f"{self.kind} {self.position}"


class Precedence(models.Model):
    """Scene ``before`` must be shot on a day before scene ``after``."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="precedences")
    before = models.ForeignKey(Strip, on_delete=models.CASCADE, related_name="+")
    after = models.ForeignKey(Strip, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["before", "after"], name="precedence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.before_id} before {self.after_id}"


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", "Holiday"
    DAY_OFF = "off", "Day off"
    WORK = "work", "Extra shoot day"


class CalendarDay(models.Model):
    """An exception to the weekly pattern of the project's shooting calendar."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="calendar_days"
    )
    date = models.DateField()
    kind = models.CharField(max_length=8, choices=CalendarDayKind.choices)
    label = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "date"]
        constraints = [
            models.UniqueConstraint(fields=["project", "date"], name="calendar_day_unique")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.kind}"


class Location(models.Model):
    """A shooting location as a scene heading names it, with what the call sheet needs."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(max_length=300)
    address = models.CharField(max_length=300, blank=True)
    parking = models.CharField(max_length=300, blank=True)
    hospital = models.CharField(
        max_length=300, blank=True, help_text="Nearest hospital: name, address, phone."
    )
    available_from = models.DateField(null=True, blank=True)
    available_to = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="location_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class CastMember(models.Model):
    """A cast breakdown element with its cast number, performer and day-out-of-days rules."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="cast_members"
    )
    element = models.OneToOneField(
        "screenplay.BreakdownElement", on_delete=models.CASCADE, related_name="cast_member"
    )
    number = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    person = models.ForeignKey(
        "projects.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cast_roles",
    )
    minor_age = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(17)], help_text="Age, for minors."
    )
    allow_hold = models.BooleanField(default=True, help_text="Held (paid) between work days.")
    drop_pickup_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Days off needed before a drop/pick-up is allowed (SAG-AFTRA: 10); blank: never.",
    )
    makeup_minutes = models.PositiveIntegerField(default=60)
    travel_minutes = models.PositiveIntegerField(default=30)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="cast_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.element.name}"


class ElementDayKind(models.TextChoices):
    TRAVEL = "travel", "Travel"
    REHEARSAL = "rehearsal", "Rehearsal"
    FITTING = "fitting", "Fitting"


class ElementDay(models.Model):
    """A travel, rehearsal or fitting day of a cast member, shown on the day out of days."""

    cast_member = models.ForeignKey(CastMember, on_delete=models.CASCADE, related_name="days")
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=ElementDayKind.choices)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["cast_member", "date"]
        constraints = [
            models.UniqueConstraint(fields=["cast_member", "date"], name="element_day_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.date}"


class CallSheet(models.Model):
    """The producer's entries for one shoot day's call sheet; the rest comes from the board."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="call_sheets")
    date = models.DateField()
    crew_call = models.TimeField(null=True, blank=True)
    shooting_call = models.TimeField(null=True, blank=True)
    estimated_wrap = models.TimeField(null=True, blank=True)
    weather = models.CharField(max_length=300, blank=True)
    sunrise = models.TimeField(null=True, blank=True)
    sunset = models.TimeField(null=True, blank=True)
    notes = models.TextField(blank=True)
    department_notes = models.JSONField(default=dict)  # department code -> text
    cast_calls = models.JSONField(default=dict)  # cast number -> {"on_set": "HH:MM"}
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["schedule", "date"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "date"], name="call_sheet_unique")
        ]

    def __str__(self) -> str:
        return f"Call sheet {self.date}"


class CallSheetRecipient(models.Model):
    """One person a call sheet went to, and what they did with their personal link."""

    call_sheet = models.ForeignKey(CallSheet, on_delete=models.CASCADE, related_name="recipients")
    person = models.ForeignKey("projects.Person", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    token_digest = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField()
    delivered = models.BooleanField(default=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["call_sheet", "person__name"]

    def __str__(self) -> str:
        return self.email


class CalendarFeed(models.Model):
    """A secret iCalendar URL: one person's days, or the whole production (person empty)."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    person = models.ForeignKey(
        "projects.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    token_digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)  # shown so a producer can tell feeds apart
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["project", "-created_at"]

    def __str__(self) -> str:
        return f"Feed {self.prefix}"
