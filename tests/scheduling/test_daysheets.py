"""Department day sheets: each day's needs by department, with their scenes. Pure."""

from datetime import date

from greenlight.scheduling.daysheets import (
    DayInput,
    Department,
    Element,
    SceneInput,
    build,
    departments_of,
)

CAST = Department("cast", "Cast Members", "#e53935", 0)
PROPS = Department("props", "Props", "#8e24aa", 4)
VEHICLES = Department("vehicles", "Vehicles", "#ec407a", 3)
WARDROBE = Department("wardrobe", "Wardrobe", "#00acc1", 7)

JUNE = Element(1, "JUNE", CAST)
MICROPHONE = Element(2, "MICROPHONE", PROPS)
TAXI = Element(3, "TAXI", VEHICLES)
COAT = Element(4, "RED COAT", WARDROBE)
BADGE = Element(5, "BADGE", PROPS)


def board() -> list[DayInput]:
    """Three days; the microphone is in scenes 1 and 6 on day 1 and in scene 3 on day 3."""
    return [
        DayInput(
            1,
            date(2027, 3, 1),
            (
                SceneInput("1", "INT. STATION - BOOTH - NIGHT", (JUNE, MICROPHONE, COAT)),
                SceneInput("6", "INT. STATION - BOOTH - NIGHT", (JUNE, MICROPHONE)),
            ),
        ),
        DayInput(2, date(2027, 3, 2), (SceneInput("2", "EXT. BRIDGE - DAY", (TAXI, BADGE)),)),
        DayInput(
            3,
            date(2027, 3, 3),
            (SceneInput("3", "INT. STATION - HALLWAY - NIGHT", (MICROPHONE, COAT, JUNE)),),
        ),
    ]


def needs(sheet, key):
    """{element name: (scenes, first, last)} of one department on a sheet."""
    found = next((d for d in sheet.departments if d.department.key == key), None)
    return {n.name: (n.scenes, n.first, n.last) for n in found.needs} if found else {}


def test_an_element_on_two_days_is_on_both_sheets_with_that_days_scenes():
    day1, _, day3 = build(board())
    assert needs(day1, "props") == {"MICROPHONE": (("1", "6"), True, False)}
    assert needs(day3, "props") == {"MICROPHONE": (("3",), False, True)}


def test_cast_is_left_to_the_call_sheet():
    for sheet in build(board()):
        assert "cast" not in [d.department.key for d in sheet.departments]


def test_departments_come_in_category_order_and_elements_by_name():
    _, day2, _ = build(board())
    assert [d.department.name for d in day2.departments] == ["Vehicles", "Props"]
    assert [n.name for n in day2.departments[1].needs] == ["BADGE"]


def test_each_need_knows_every_day_it_is_needed_on():
    day1 = build(board())[0]
    coat = next(d for d in day1.departments if d.department.key == "wardrobe").needs[0]
    assert (coat.name, coat.days) == ("RED COAT", (1, 3))


def test_a_filter_keeps_only_the_chosen_departments_but_not_the_facts():
    day1, day2, day3 = build(board(), only={"wardrobe"})
    assert [d.department.key for d in day1.departments] == ["wardrobe"]
    assert day2.departments == () and day2.item_count == 0
    assert needs(day3, "wardrobe") == {"RED COAT": (("3",), False, True)}


def test_a_day_shows_its_scenes_even_with_nothing_tagged():
    sheets = build([DayInput(1, None, (SceneInput("9", "INT. DINER - NIGHT", (JUNE,)),))])
    assert sheets[0].scenes[0].number == "9"
    assert sheets[0].departments == () and sheets[0].date is None


def test_elements_of_the_same_name_in_two_departments_stay_apart():
    hat_prop = Element(10, "HAT", PROPS)
    hat_costume = Element(11, "HAT", WARDROBE)
    sheet = build(
        [DayInput(1, None, (SceneInput("4", "EXT. PARK - DAY", (hat_prop, hat_costume)),))]
    )
    assert sheet[0].item_count == 2


def test_the_filter_offers_every_department_with_a_need_but_cast():
    assert [d.key for d in departments_of(board())] == ["vehicles", "props", "wardrobe"]
