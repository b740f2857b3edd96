"""The day out of days page and its CSV, XLSX and PDF downloads; the department day sheets."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from greenlight.scheduling import proposals, services
from greenlight.scheduling.board import read_board
from greenlight.scheduling.models import Schedule, StripKind
from greenlight.screenplay import services as screenplay
from greenlight.screenplay.models import Category, Scene
from tests import factories
from tests.scheduling import builders

pytestmark = pytest.mark.django_db

# The builder's script, one scene a day from Monday 1 March 2027: JUNE (cast 1) is in scenes
# 1, 3, 4, 6 and 8, so she works days 1, 3, 4, 6 and 8 (Mon 1 to Wed 10 March).
JUNE_DAYS = (1, 3, 4, 6, 8)


def url(schedule: Schedule, rest: str = "") -> str:
    return f"/projects/{schedule.project_id}/schedules/{schedule.pk}/{rest}"


def one_scene_a_day(schedule: Schedule, actor) -> Schedule:
    """Lay the board out as one scene per shoot day, in script order."""
    strips = list(schedule.strips.filter(boneyard=False).order_by("position"))
    scenes = [s.pk for s in strips if s.kind == StripKind.SCENE]
    breaks = [s.pk for s in strips if s.kind == StripKind.DAY_BREAK]
    for _ in range(len(scenes) - len(breaks)):
        breaks.append(services.add_strip(actor, schedule, kind="day", version=schedule.version).pk)
        schedule.refresh_from_db()
    order = [strip for pair in zip(scenes, breaks, strict=True) for strip in pair]
    return services.reorder(
        actor, schedule, services.BoardOrder(order, []), version=schedule.version
    )


def tag(actor, schedule: Schedule, number: str, category: str, name: str) -> None:
    scene = Scene.objects.get(draft__script=schedule.script, number=number)
    category_id = Category.objects.get(project=schedule.project, key=category).pk
    screenplay.tag_text(actor, scene, category_id=category_id, name=name)


def number_scenes(project) -> None:
    """Scene numbers 1..8, as a locked script would have them."""
    for scene in Scene.objects.filter(draft__script__project=project):
        scene.number = str(scene.index + 1)
        scene.save(update_fields=["number"])


def build(team: factories.Crew) -> None:
    schedule = builders.schedule_on(team.project, team.ep)
    number_scenes(team.project)
    one_scene_a_day(schedule, team.ep)
    builders.cast_person(team.project, team.ep, "JUNE", "Anna Lee", "900")
    tag(team.ep, schedule, "1", "props", "MICROPHONE")
    tag(team.ep, schedule, "6", "props", "MICROPHONE")
    tag(team.ep, schedule, "2", "vehicles", "TAXI")


team_once, team = factories.module_crew("DOODPAGES", setup=build)
lazy_static_files = factories.lazy_static_files


@pytest.fixture(autouse=True)
def _lazy_static_files(lazy_static_files):
    """See factories.lazy_static_files."""


@pytest.fixture
def schedule(team) -> Schedule:
    return Schedule.objects.get(project=team.project, name="First pass")


def row_of(response, label_start: str):
    rows = [r for g in response.context["groups"] for r in g.rows]
    return next(r for r in rows if r.label.startswith(label_start))


def codes_of(row) -> dict[date, str]:
    return {cell.column.date: str(cell.code) for cell in row.cells if cell.code}


def june_dates(schedule: Schedule) -> list[date]:
    view = read_board(schedule)
    return [d.date for d in view.days if any(1 in s.cast for s in d.scenes)]


# --- the page ------------------------------------------------------------------------------


def test_the_page_shows_start_and_finish_holds_and_totals_on_an_accepted_board(client, team):
    optimised = builders.schedule_on(
        team.project, team.ep, name="Optimised", time_limit=3, max_eighths_per_day=12
    )
    proposals.optimise(optimised.pk, at=builders.AT)
    optimised.refresh_from_db()
    proposals.accept_proposal(team.ap, optimised, version=optimised.version)
    worked = june_dates(optimised)
    assert len(worked) >= 2, "the optimiser should spread JUNE over more than one day"
    client.force_login(team.viewer)
    response = client.get(url(optimised, "dood/"))
    assert response.status_code == 200
    june = row_of(response, "1. JUNE (Anna Lee)")
    codes = codes_of(june)
    assert codes[worked[0]] == "SW" and codes[worked[-1]] == "WF"
    assert all(codes[d] == "W" for d in worked[1:-1])
    assert june.totals.work == len(worked)
    assert june.totals.start == worked[0] and june.totals.finish == worked[-1]
    page = response.content.decode()
    assert '<td class="day c-SW">SW</td>' in page and '<td class="day c-WF">WF</td>' in page


def test_the_grid_holds_cast_between_work_days_and_groups_other_elements(client, team, schedule):
    client.force_login(team.crew)
    response = client.get(url(schedule, "dood/"))
    june = row_of(response, "1. JUNE")
    # Mon 1 to Wed 10 March: she works days 1, 3, 4, 6, 8; the weekend 6-7 March is off.
    assert " ".join(str(c.code) or "." for c in june.cells) == "SW H W W H . . W H WF"
    assert (june.totals.work, june.totals.hold, june.totals.total) == (5, 3, 8)
    assert [g.name for g in response.context["groups"]] == ["Cast", "Vehicles", "Props"]
    microphone = row_of(response, "MICROPHONE")
    assert codes_of(microphone) == {date(2027, 3, 1): "SW", date(2027, 3, 8): "WF"}
    page = response.content.decode()
    assert "Hold" in page and "Start work" in page  # the legend
    assert 'class="day off"' in page  # the weekend is shaded


def test_cast_only_leaves_out_the_other_elements_and_keeps_the_exports_in_step(
    client, team, schedule
):
    client.force_login(team.viewer)
    response = client.get(url(schedule, "dood/?rows=cast"))
    assert [g.name for g in response.context["groups"]] == ["Cast"]
    assert "dood.csv?rows=cast" in response.content.decode()
    exported = client.get(url(schedule, "dood.csv?rows=cast")).content.decode("utf-8-sig")
    assert "MICROPHONE" not in exported and "1. JUNE (Anna Lee)" in exported


def test_an_empty_board_says_what_to_do(client, team):
    project = team.project
    empty = services.create_schedule(
        team.ep,
        project,
        script_id=project.scripts.get().pk,
        name="Empty",
        start_date=builders.START,
        at=builders.AT,
    )
    for strip in empty.strips.filter(kind=StripKind.SCENE):
        services.remove_strip(team.ep, empty, strip.pk, version=empty.version)
        empty.refresh_from_db()
    client.force_login(team.viewer)
    page = client.get(url(empty, "dood/")).content.decode()
    assert "Nothing to show yet" in page


# --- exports -------------------------------------------------------------------------------


def test_the_csv_download_has_a_day_row_a_date_row_and_an_element_row(client, team, schedule):
    client.force_login(team.viewer)
    response = client.get(url(schedule, "dood.csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="doodpages-first-pass-dood.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Shoot day", "1", "2", "3"]
    assert rows[0][6:8] == ["OFF", "OFF"]
    assert rows[1][1] == "2027-03-01"
    june = next(r for r in rows if r[0] == "1. JUNE (Anna Lee)")
    assert june[1:11] == ["SW", "H", "W", "W", "H", "", "", "W", "H", "WF"]
    assert june[11] == "5"  # work


def test_the_xlsx_download_opens_with_the_coloured_grid(client, team, schedule):
    client.force_login(team.crew)
    response = client.get(url(schedule, "dood.xlsx"))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="doodpages-first-pass-dood.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Day out of days"
    assert sheet["A1"].value == "Doodpages: First pass"
    labels = [cell.value for cell in sheet["A"]]
    line = labels.index("1. JUNE (Anna Lee)") + 1
    assert sheet.cell(line, 2).value == "SW"
    assert sheet.cell(line, 2).fill.fgColor.rgb.endswith("B9E4BC")


def test_the_pdf_download_is_a_pdf(client, team, schedule):
    client.force_login(team.viewer)
    response = client.get(url(schedule, "dood.pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('-dood.pdf"')
    assert response.content.startswith(b"%PDF")


def test_an_unknown_format_is_not_found(client, team, schedule):
    client.force_login(team.ep)
    assert client.get(url(schedule, "dood.docx")).status_code == 404


# --- day sheets ----------------------------------------------------------------------------


def needs_of(response, day: int, key: str) -> dict[str, tuple[str, ...]]:
    sheet = response.context["found"].sheets[day - 1]
    dept = next((d for d in sheet.departments if d.department.key == key), None)
    return {n.name: n.scenes for n in dept.needs} if dept else {}


def test_an_element_tagged_in_scenes_on_two_days_is_on_both_day_sheets(client, team, schedule):
    client.force_login(team.viewer)
    response = client.get(url(schedule, "day-sheets/"))
    assert response.status_code == 200
    assert needs_of(response, 1, "props") == {"MICROPHONE": ("1",)}
    assert needs_of(response, 6, "props") == {"MICROPHONE": ("6",)}
    assert needs_of(response, 2, "vehicles") == {"TAXI": ("2",)}
    assert needs_of(response, 3, "props") == {}
    sheet = response.context["found"].sheets[0]
    assert "cast" not in [d.department.key for d in sheet.departments]
    page = response.content.decode()
    assert 'id="day-6"' in page and "Monday 1 March 2027" in page
    assert "first day" in page and "last day" in page


def test_day_sheets_filter_by_department(client, team, schedule):
    client.force_login(team.crew)
    response = client.get(url(schedule, "day-sheets/?category=vehicles"))
    assert needs_of(response, 1, "props") == {}
    assert needs_of(response, 2, "vehicles") == {"TAXI": ("2",)}
    assert "MICROPHONE" not in response.content.decode()
    assert "(Vehicles)" in response.content.decode()


def test_day_sheets_follow_a_moved_strip(client, team, schedule):
    """Scene 6 moved to day 2: the microphone is needed on days 1 and 2."""
    ids = list(schedule.strips.filter(boneyard=False).order_by("position"))
    scene6 = next(s for s in ids if s.scene and s.scene.number == "6")
    order = [s.pk for s in ids if s.pk != scene6.pk]
    order.insert(
        order.index(next(s.pk for s in ids if s.scene and s.scene.number == "2")), scene6.pk
    )
    services.reorder(team.ap, schedule, services.BoardOrder(order, []), version=schedule.version)
    client.force_login(team.viewer)
    response = client.get(url(schedule, "day-sheets/"))
    assert needs_of(response, 2, "props") == {"MICROPHONE": ("6",)}


# --- who may look --------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["dood/", "dood.csv", "dood.xlsx", "day-sheets/"])
def test_every_member_may_look_and_an_outsider_learns_nothing(client, team, schedule, page):
    for member in (team.viewer, team.crew, team.dh):
        client.force_login(member)
        assert client.get(url(schedule, page)).status_code == 200
    client.force_login(team.outsider)
    assert client.get(url(schedule, page)).status_code == 404
