"""Storage for productions, episodes, departments and people."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from greenlight.core.money import CURRENCIES

from .kinds import PersonKind, Phase, ProjectKind, choices
from .portfolio import KeyDates

code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9_-]{0,15}$", "Use 1-16 capital letters, digits, '-' or '_'."
)


class Project(models.Model):
    title = models.CharField(max_length=200)
    code = models.CharField(
        max_length=16,
        unique=True,
        validators=[code_validator],
        help_text="Short production code, e.g. NIGHTOWL.",
    )
    kind = models.CharField(max_length=16, choices=choices(ProjectKind))
    phase = models.CharField(max_length=20, choices=choices(Phase), default=Phase.DEVELOPMENT.value)
    logline = models.TextField(blank=True)
    currency = models.CharField(max_length=3, choices=[(c, c) for c in CURRENCIES], default="USD")
    prep_start = models.DateField(null=True, blank=True)
    shoot_start = models.DateField(null=True, blank=True)
    shoot_end = models.DateField(null=True, blank=True)
    delivery_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def key_dates(self) -> KeyDates:
        return KeyDates(self.prep_start, self.shoot_start, self.shoot_end, self.delivery_date)

    @property
    def is_series(self) -> bool:
        return self.kind == ProjectKind.SERIES

    def clean(self) -> None:
        problems = self.key_dates.problems()
        if problems:
            raise ValidationError({"__all__": problems})


class Episode(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="episodes")
    number = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    title = models.CharField(max_length=200, blank=True)
    synopsis = models.TextField(blank=True)
    shoot_start = models.DateField(null=True, blank=True)
    air_date = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="episode_number_unique")
        ]

    def __str__(self) -> str:
        return f"Ep. {self.number}" + (f" – {self.title}" if self.title else "")


class Department(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="departments")
    code = models.CharField(max_length=16, validators=[code_validator])
    name = models.CharField(max_length=100)
    sort_order = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="department_code_unique"),
            models.UniqueConstraint(fields=["project", "name"], name="department_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A cast or crew contact on one project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, choices=choices(PersonKind), default="crew")
    position = models.CharField(
        max_length=200, blank=True, help_text="Crew position, or the character a cast member plays."
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    agent = models.CharField(max_length=200, blank=True, help_text="Agent or agency, with contact.")
    notes = models.TextField(blank=True)
    daily_rate = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="In the project's currency.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person_records",
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "kind", "name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.department is not None and self.department.project_id != self.project_id:
            raise ValidationError({"department": "That department belongs to another project."})


class Unavailability(models.Model):
    """A date range (inclusive) when a person cannot work; scheduling honours it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="unavailable")
    start = models.DateField()
    end = models.DateField()
    reason = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "start"]
        verbose_name_plural = "unavailabilities"

    def __str__(self) -> str:
        return f"{self.start} – {self.end}"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The end date is before the start date."})
