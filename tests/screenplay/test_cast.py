"""Cast found from cues; aliases suggested, never merged silently; suggestions from action."""

from greenlight.screenplay.cast import alias_suggestions, cast_list, cue_names
from greenlight.screenplay.fountain import parse_fountain
from greenlight.screenplay.suggest import suggest

SCRIPT = """\
INT. HOUSE - DAY

PETER opens the door. A battered RED PICKUP idles outside.

PETER
Hello?

PETER'S VOICE
(on tape)
Leave a message.

INT. GARAGE - NIGHT

BOB
Hi.

CYBER BOB
Greetings, human.

BOB (V.O.)
Again.

GIDEON
Now.

TEX
Go.

GIDEON, TEX & SCOBIE
Together!
"""


def test_cues_with_extensions_are_one_character_and_counted():
    cast = {member.name: member for member in cast_list(parse_fountain(SCRIPT))}
    assert cast["BOB"].cues == 2 and cast["BOB"].scenes == 1
    assert cast["PETER"].cues == 1


def test_group_cue_counts_for_each_member_who_speaks_alone_elsewhere():
    assert cue_names("GIDEON, TEX & SCOBIE", {"GIDEON", "TEX"}) == ["GIDEON, TEX & SCOBIE"]
    assert cue_names("GIDEON & TEX", {"GIDEON", "TEX"}) == ["GIDEON", "TEX"]


def test_voice_and_prefixed_variants_are_suggested_as_aliases_not_merged():
    names = [member.name for member in cast_list(parse_fountain(SCRIPT))]
    assert "PETER'S VOICE" in names and "CYBER BOB" in names
    suggested = {(s.alias, s.canonical) for s in alias_suggestions(names)}
    assert suggested == {("PETER'S VOICE", "PETER"), ("CYBER BOB", "BOB")}


def test_capitalised_phrases_in_action_become_suggestions_with_a_category():
    screenplay = parse_fountain(SCRIPT)
    found = {s.name: s for s in suggest(screenplay.scenes, {"PETER", "BOB"})}
    assert found["RED PICKUP"].category == "vehicles"
    assert found["PETER"].category == "cast"
    action = screenplay.scenes[0].elements[found["RED PICKUP"].element_index].text
    assert action[found["RED PICKUP"].start : found["RED PICKUP"].end] == "RED PICKUP"
