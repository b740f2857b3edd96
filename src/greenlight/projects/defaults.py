"""The default departments a new project starts with (editable per project). Pure."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DepartmentTemplate:
    code: str
    name: str


DEFAULT_DEPARTMENTS: tuple[DepartmentTemplate, ...] = (
    DepartmentTemplate("PROD", "Production"),
    DepartmentTemplate("AD", "Assistant directors"),
    DepartmentTemplate("CAM", "Camera"),
    DepartmentTemplate("GE", "Grip & electric"),
    DepartmentTemplate("ART", "Art"),
    DepartmentTemplate("PROPS", "Props"),
    DepartmentTemplate("SND", "Sound"),
    DepartmentTemplate("WARD", "Wardrobe"),
    DepartmentTemplate("HMU", "Hair & make-up"),
    DepartmentTemplate("LOC", "Locations"),
    DepartmentTemplate("TRANS", "Transport"),
    DepartmentTemplate("SFX", "Special effects"),
    DepartmentTemplate("STUNT", "Stunts"),
    DepartmentTemplate("CAST", "Casting"),
    DepartmentTemplate("ACC", "Accounts"),
    DepartmentTemplate("POST", "Post-production"),
    DepartmentTemplate("VFX", "Visual effects"),
)

# Games replace the set-based departments with studio ones.
GAME_DEPARTMENTS: tuple[DepartmentTemplate, ...] = (
    DepartmentTemplate("PROD", "Production"),
    DepartmentTemplate("DES", "Design"),
    DepartmentTemplate("ENG", "Engineering"),
    DepartmentTemplate("ART", "Art"),
    DepartmentTemplate("ANIM", "Animation"),
    DepartmentTemplate("AUDIO", "Audio"),
    DepartmentTemplate("NARR", "Narrative"),
    DepartmentTemplate("MOCAP", "Performance capture"),
    DepartmentTemplate("CAST", "Casting"),
    DepartmentTemplate("QA", "Quality assurance"),
    DepartmentTemplate("LOC", "Localisation"),
    DepartmentTemplate("ACC", "Accounts"),
)


def departments_for(kind: str) -> tuple[DepartmentTemplate, ...]:
    return GAME_DEPARTMENTS if kind == "game" else DEFAULT_DEPARTMENTS
