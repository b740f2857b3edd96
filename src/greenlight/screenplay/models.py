"""Storage for scripts, drafts, scenes, cast aliases, breakdown categories, elements and tags."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Script(models.Model):
    """One screenplay of a project (a feature has one; a series one per episode)."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="scripts"
    )
    episode = models.ForeignKey(
        "projects.Episode", null=True, blank=True, on_delete=models.SET_NULL, related_name="scripts"
    )
    title = models.CharField(max_length=200)
    locked = models.BooleanField(
        default=False, help_text="Scene numbers are locked: inserted scenes get A/B suffixes."
    )
    created_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def current(self) -> "Draft | None":
        return self.drafts.order_by("-number").first()


class Draft(models.Model):
    """One imported file of a script: the original (white) or a coloured revision."""

    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="drafts")
    number = models.PositiveIntegerField()  # 1 = original, 2 = first revision ...
    colour = models.CharField(max_length=40)  # revision colour name, e.g. "Blue"
    colour_hex = models.CharField(max_length=7)
    source_name = models.CharField(max_length=255)
    source_format = models.CharField(max_length=10)  # fountain | fdx
    source = models.BinaryField()  # the file as uploaded, for recomputing and download
    title_page = models.JSONField(default=list)
    page_count = models.PositiveIntegerField()
    lengths_from = models.CharField(max_length=12, default="layout")  # layout | final_draft
    revised_pages = models.JSONField(default=list)  # pages carrying this draft's colour
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["script", "number"]
        constraints = [
            models.UniqueConstraint(fields=["script", "number"], name="draft_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.script} – {self.colour} draft"


class SceneChange(models.TextChoices):
    ORIGINAL = "original", "Original"
    UNCHANGED = "unchanged", "Unchanged"
    CHANGED = "changed", "Changed"
    ADDED = "added", "Added"


class Scene(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="scenes")
    index = models.PositiveIntegerField()
    number = models.CharField(max_length=16, blank=True)
    heading = models.CharField(max_length=500)
    int_ext = models.CharField(max_length=8, blank=True)
    location = models.CharField(max_length=300, blank=True)
    time_of_day = models.CharField(max_length=60, blank=True)
    modifiers = models.JSONField(default=list)
    page = models.PositiveIntegerField()
    eighths = models.PositiveIntegerField()
    synopsis = models.TextField(blank=True)
    line = models.PositiveIntegerField()
    elements = models.JSONField(default=list)  # [{"type", "text", "line", ...}] as parsed
    characters = models.JSONField(default=list)  # speaking cast identities, in order
    final_draft_page = models.PositiveIntegerField(null=True, blank=True)
    final_draft_eighths = models.PositiveIntegerField(null=True, blank=True)
    layout_page = models.PositiveIntegerField()
    layout_eighths = models.PositiveIntegerField()
    change = models.CharField(
        max_length=10, choices=SceneChange.choices, default=SceneChange.ORIGINAL
    )
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["draft", "index"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "index"], name="scene_index_unique")
        ]

    def __str__(self) -> str:
        return f"{self.label}. {self.heading}"

    @property
    def label(self) -> str:
        """The scene number as written, or its position when the script is unnumbered."""
        return self.number or str(self.index + 1)


class Decision(models.TextChoices):
    """A proposal's state: aliases and tags are suggested by rule, then decided by a producer."""

    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


AliasStatus = Decision


class CharacterAlias(models.Model):
    """``PETER'S VOICE`` is ``PETER``: suggested by rule, confirmed or rejected by the producer."""

    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    canonical = models.CharField(max_length=200)
    reason = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        max_length=10, choices=AliasStatus.choices, default=AliasStatus.SUGGESTED
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["script", "alias"], name="alias_unique")]

    def __str__(self) -> str:
        return f"{self.alias} → {self.canonical}"


class Category(models.Model):
    """A breakdown category of one project (Movie Magic's 23 by default, editable)."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="breakdown_categories"
    )
    key = models.SlugField(max_length=40)
    name = models.CharField(max_length=100)
    colour = models.CharField(max_length=7)
    sort_order = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "sort_order", "name"]
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="category_key_unique")
        ]

    def __str__(self) -> str:
        return self.name


class BreakdownElement(models.Model):
    """A thing the production must provide: a cast member, a prop, a vehicle ..."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="breakdown_elements"
    )
    # Categories are never deleted on their own (only renamed); with their project they go,
    # and their elements with them.
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="elements")
    name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["category__sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "category", "name"], name="element_unique")
        ]

    def __str__(self) -> str:
        return self.name


TagStatus = Decision


class Tag(models.Model):
    """An element tagged in a scene, optionally anchored to a text range of one paragraph."""

    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="tags")
    element = models.ForeignKey(BreakdownElement, on_delete=models.CASCADE, related_name="tags")
    status = models.CharField(max_length=10, choices=TagStatus.choices, default=TagStatus.CONFIRMED)
    paragraph = models.IntegerField(null=True, blank=True)  # index into Scene.elements
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    quote = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scene", "element__category__sort_order", "element__name"]
        constraints = [
            models.UniqueConstraint(fields=["scene", "element"], name="tag_once_per_scene")
        ]

    def __str__(self) -> str:
        return f"{self.element} in {self.scene}"


class Standards(models.Model):
    """The project's script standards, read by the linter."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="script_standards"
    )
    min_pages = models.PositiveIntegerField(null=True, blank=True)
    max_pages = models.PositiveIntegerField(null=True, blank=True)
    restricted_words = models.TextField(blank=True, help_text="One word or phrase per line.")
    extra_times_of_day = models.TextField(
        blank=True, help_text="Times of day allowed besides the standard ones, one per line."
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Standards of {self.project}"
