"""Breakdown element categories: Movie Magic Scheduling's 23 defaults with conventional colours.

The colours follow the long-standing breakdown-sheet convention (cast red, stunts orange,
extras green/yellow, special effects blue, props violet, vehicles and animals pink, sound and
music brown). Categories the convention marks with a shape rather than a colour (wardrobe,
make-up, special equipment, notes) get muted colours of their own. Projects can edit all of it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CategoryTemplate:
    key: str  # stable identifier used by rules (e.g. cast detection)
    name: str
    colour: str  # CSS hex, the highlight on breakdown sheets and scene pages


CAST = "cast"
DEFAULT_CATEGORIES: tuple[CategoryTemplate, ...] = (
    CategoryTemplate(CAST, "Cast Members", "#e53935"),
    CategoryTemplate("background", "Background Actors", "#43a047"),
    CategoryTemplate("stunts", "Stunts", "#fb8c00"),
    CategoryTemplate("vehicles", "Vehicles", "#ec407a"),
    CategoryTemplate("props", "Props", "#8e24aa"),
    CategoryTemplate("camera", "Camera", "#5d4037"),
    CategoryTemplate("special_effects", "Special Effects", "#1e88e5"),
    CategoryTemplate("wardrobe", "Wardrobe", "#00acc1"),
    CategoryTemplate("makeup_hair", "Makeup/Hair", "#d81b60"),
    CategoryTemplate("animals", "Animals", "#f48fb1"),
    CategoryTemplate("animal_wrangler", "Animal Wrangler", "#ad1457"),
    CategoryTemplate("music", "Music", "#795548"),
    CategoryTemplate("sound", "Sound", "#a1887f"),
    CategoryTemplate("art_department", "Art Department", "#7cb342"),
    CategoryTemplate("set_dressing", "Set Dressing", "#c0ca33"),
    CategoryTemplate("greenery", "Greenery", "#2e7d32"),
    CategoryTemplate("special_equipment", "Special Equipment", "#546e7a"),
    CategoryTemplate("security", "Security", "#37474f"),
    CategoryTemplate("additional_labor", "Additional Labor", "#8d6e63"),
    CategoryTemplate("visual_effects", "Visual Effects", "#3949ab"),
    CategoryTemplate("mechanical_effects", "Mechanical Effects", "#0277bd"),
    CategoryTemplate("miscellaneous", "Miscellaneous", "#9e9e9e"),
    CategoryTemplate("notes", "Notes", "#fdd835"),
)

# Words that hint at a category for capitalised phrases in action lines. A hint only ranks
# the suggestion; the producer confirms or rejects every one.
HINTS: dict[str, frozenset[str]] = {
    "vehicles": frozenset(
        "CAR CARS TRUCK VAN BUS TAXI CAB MOTORCYCLE BIKE BICYCLE LIMO LIMOUSINE JEEP SEDAN "
        "HELICOPTER PLANE BOAT YACHT TRAIN AMBULANCE TRACTOR SUV PICKUP CONVERTIBLE".split()
    ),
    "props": frozenset(
        "GUN PISTOL RIFLE REVOLVER KNIFE PHONE CELLPHONE LETTER BRIEFCASE BAG SUITCASE BOOK "
        "NEWSPAPER PHOTO PHOTOGRAPH CAMERA WALLET KEY KEYS RING WATCH BOTTLE GLASS ENVELOPE "
        "MAP LAPTOP RADIO MICROPHONE BADGE SWORD STAMP STAMPS CIGARETTE LIGHTER".split()
    ),
    "animals": frozenset("DOG DOGS CAT CATS HORSE HORSES BIRD BIRDS COW PIG RAT SNAKE".split()),
    "special_effects": frozenset(
        "EXPLOSION EXPLODES FIRE SMOKE RAIN SNOW FOG BLAST GUNSHOT GUNFIRE SPARKS".split()
    ),
    "sound": frozenset("BANG CRASH SCREAM RING RINGS KNOCK THUD SIREN BEEP".split()),
    "music": frozenset("MUSIC SONG PIANO GUITAR BAND ORCHESTRA".split()),
    "wardrobe": frozenset("COAT DRESS HAT SUIT UNIFORM GLOVES MASK SHOES".split()),
    "stunts": frozenset("FALLS JUMPS FIGHT PUNCH CRASHES LEAPS".split()),
}


def hint_for(phrase: str) -> str | None:
    """The category key a capitalised phrase most likely belongs to, if any word hints one."""
    words = phrase.upper().replace("'S", "").split()
    for key, vocabulary in HINTS.items():
        if any(word.strip(".,!?;:") in vocabulary for word in words):
            return key
    return None
