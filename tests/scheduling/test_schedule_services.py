"""Schedules on a real project: the board, drag saves, versions, locking, optimise and accept."""

from datetime import date

import pytest

from greenlight.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from greenlight.projects import services as projects
from greenlight.scheduling import proposals, services
from greenlight.scheduling.models import CastMember, Schedule, Strip, StripKind
from greenlight.screenplay import services as screenplay
from tests.scheduling import builders

pytestmark = pytest.mark.django_db


def order_of(schedule: Schedule) -> services.BoardOrder:
    strips = list(schedule.strips.order_by("boneyard", "position"))
    return services.BoardOrder(
        board=[s.pk for s in strips if not s.boneyard],
        boneyard=[s.pk for s in strips if s.boneyard],
    )


def scene_labels(view) -> list[list[str]]:
    return [[s.label for s in d.scenes] for d in view.days]


def test_new_schedule_puts_every_scene_on_the_board_in_script_order(team):
    schedule = builders.schedule_on(team.project, team.ep)
    view = services.board(team.viewer, schedule)
    assert [s for d in scene_labels(view) for s in d] == [f"Sc {n}" for n in range(1, 9)]
    assert view.days[0].date == builders.START
    assert not view.boneyard


def test_new_schedule_breaks_days_where_the_pages_run_over(team):
    builders.script_on(team.project, team.ep)
    script = team.project.scripts.get()
    schedule = services.create_schedule(
        team.ep,
        team.project,
        script_id=script.pk,
        name="Tight",
        start_date=builders.START,
        at=builders.AT,
    )
    schedule = services.update_settings(
        team.ep, schedule, {"max_eighths_per_day": 3}, version=schedule.version
    )
    tight = services.create_schedule(
        team.ep,
        team.project,
        script_id=script.pk,
        name="Tight 2",
        start_date=builders.START,
        at=builders.AT,
    )
    assert len(services.board(team.ep, tight).days) == 1
    # The settings changed after creation, so the first board now breaks the page limit.
    view = services.board(team.ep, schedule)
    assert any(v.kind == "max_eighths" for v in view.violations)


def test_cast_numbers_go_to_the_most_used_characters_first(team):
    builders.schedule_on(team.project, team.ep)
    numbers = dict(
        CastMember.objects.filter(project=team.project).values_list("element__name", "number")
    )
    assert numbers["JUNE"] == 1
    assert numbers["REYES"] == 2
    assert set(numbers) == {"JUNE", "REYES", "ROSIE", "TEO"}


def test_days_fall_on_working_days_skipping_weekends(team):
    schedule = builders.schedule_on(team.project, team.ep)
    order = order_of(schedule)
    scenes = [i for i in order.board if Strip.objects.get(pk=i).kind == StripKind.SCENE]
    breaks = [i for i in order.board if i not in scenes]
    extra = [
        services.add_strip(team.ep, schedule, kind="day", version=v).pk
        for v in range(schedule.version, schedule.version + 7)
    ]
    # One scene a day: scene, break, scene, break ...
    board = [x for pair in zip(scenes, breaks + extra, strict=False) for x in pair]
    schedule.refresh_from_db()
    services.reorder(team.ap, schedule, services.BoardOrder(board, []), version=schedule.version)
    view = services.board(team.ep, schedule)
    dates = [d.date for d in view.days]
    assert dates[:7] == [
        date(2027, 3, 1),
        date(2027, 3, 2),
        date(2027, 3, 3),
        date(2027, 3, 4),
        date(2027, 3, 5),
        date(2027, 3, 8),
        date(2027, 3, 9),
    ]


def test_a_drag_is_saved_and_read_back_in_the_new_order(team):
    schedule = builders.schedule_on(team.project, team.ep)
    order = order_of(schedule)
    moved = [order.board[2], order.board[0], order.board[1], *order.board[3:]]
    services.reorder(team.ap, schedule, services.BoardOrder(moved, []), version=schedule.version)
    schedule.refresh_from_db()
    assert order_of(schedule).board == moved
    assert scene_labels(services.board(team.ep, schedule))[0][:3] == ["Sc 3", "Sc 1", "Sc 2"]


def test_a_strip_dragged_to_the_boneyard_is_unscheduled(team):
    schedule = builders.schedule_on(team.project, team.ep)
    order = order_of(schedule)
    first = order.board[0]
    services.reorder(
        team.ap, schedule, services.BoardOrder(order.board[1:], [first]), version=schedule.version
    )
    view = services.board(team.ep, schedule)
    assert [s.id for s in view.boneyard] == [first]
    assert "Sc 1" not in [s for d in scene_labels(view) for s in d]


def test_a_stale_drag_is_refused_and_changes_nothing(team):
    schedule = builders.schedule_on(team.project, team.ep)
    before = order_of(schedule)
    services.add_strip(team.ep, schedule, kind="banner", text="Week 1", version=schedule.version)
    with pytest.raises(Conflict):
        services.reorder(team.ap, schedule, services.BoardOrder(before.board[::-1], []), version=1)
    schedule.refresh_from_db()
    assert order_of(schedule).board[: len(before.board)] == before.board


def test_a_drag_that_loses_a_strip_is_refused(team):
    schedule = builders.schedule_on(team.project, team.ep)
    order = order_of(schedule)
    with pytest.raises(InvalidInput):
        services.reorder(
            team.ap, schedule, services.BoardOrder(order.board[1:], []), version=schedule.version
        )
    with pytest.raises(InvalidInput):
        services.reorder(
            team.ap,
            schedule,
            services.BoardOrder([*order.board, order.board[0]], []),
            version=schedule.version,
        )


@pytest.mark.parametrize("who", ["dh", "crew", "viewer"])
def test_only_producers_edit_the_board(team, who):
    schedule = builders.schedule_on(team.project, team.ep)
    order = order_of(schedule)
    with pytest.raises(NotAllowed):
        services.reorder(getattr(team, who), schedule, order, version=schedule.version)
    assert services.board(getattr(team, who), schedule).days


def test_outsiders_cannot_see_a_schedule(team):
    schedule = builders.schedule_on(team.project, team.ep)
    with pytest.raises(NotFound):
        services.get_schedule(team.outsider, team.project, schedule.pk)


def test_removing_a_scene_strip_sends_it_to_the_boneyard(team):
    schedule = builders.schedule_on(team.project, team.ep)
    first = order_of(schedule).board[0]
    services.remove_strip(team.ep, schedule, first, version=schedule.version)
    assert Strip.objects.get(pk=first).boneyard


def test_a_banner_needs_words(team):
    schedule = builders.schedule_on(team.project, team.ep)
    with pytest.raises(InvalidInput):
        services.add_strip(team.ep, schedule, kind="banner", text="  ", version=schedule.version)


def test_locking_freezes_the_board_and_keeps_one_locked_schedule(team):
    first = builders.schedule_on(team.project, team.ep)
    second = services.duplicate_schedule(team.ep, first, name="Second", at=builders.AT)
    first = services.lock_schedule(team.ep, first, version=first.version)
    with pytest.raises(Conflict):
        services.reorder(team.ep, first, order_of(first), version=first.version)
    second = services.lock_schedule(team.ep, second, version=second.version)
    first.refresh_from_db()
    assert (first.status, second.status) == ("draft", "locked")
    assert services.current_schedule(team.project) == second


def test_a_copy_has_the_same_board_and_rules_but_its_own_strips(team):
    schedule = builders.schedule_on(team.project, team.ep)
    order = order_of(schedule)
    rule = services.add_precedence(
        team.ep,
        schedule,
        before=order.board[1],
        after=order.board[0],
        reason="haircut",
        version=schedule.version,
    )
    copy = services.duplicate_schedule(team.ep, schedule, name="Copy", at=builders.AT)
    assert scene_labels(services.board(team.ep, copy)) == scene_labels(
        services.board(team.ep, schedule)
    )
    copied = copy.precedences.get()
    assert copied.reason == rule.reason and copied.before_id not in order.board


def test_precedence_broken_on_the_board_is_reported(team):
    schedule = builders.schedule_on(team.project, team.ep)
    order = order_of(schedule)
    services.add_precedence(
        team.ep,
        schedule,
        before=order.board[1],
        after=order.board[0],
        reason="",
        version=schedule.version,
    )
    view = services.board(team.ep, schedule)
    assert any(v.kind == "precedence" for v in view.violations)


def test_holding_cost_counts_each_performer_from_first_to_last_work_day(team):
    schedule = builders.schedule_on(team.project, team.ep)
    builders.cast_person(team.project, team.ep, "REYES", "Tom Brandt", "1000.00")
    order = order_of(schedule)
    scenes = [i for i in order.board if Strip.objects.get(pk=i).kind == StripKind.SCENE]
    day_break = next(i for i in order.board if i not in scenes)
    extra = [
        services.add_strip(team.ep, schedule, kind="day", version=v).pk
        for v in (schedule.version, schedule.version + 1)
    ]
    # REYES works in Sc 2 (day 1) and Sc 3 and Sc 5 (day 3): three paid days.
    board = [scenes[1], extra[0], scenes[0], extra[1], *scenes[2:], day_break]
    schedule.refresh_from_db()
    services.reorder(team.ep, schedule, services.BoardOrder(board, []), version=schedule.version)
    view = services.board(team.ep, schedule)
    assert len(view.days) == 3
    assert str(view.holding_cost) == "3000.00"


def test_optimising_proposes_a_board_that_breaks_no_rule_and_accepting_it_saves_it(team):
    schedule = builders.schedule_on(team.project, team.ep, time_limit=5)
    builders.cast_person(team.project, team.ep, "JUNE", "Maya Okafor", "4500.00")
    before = services.board(team.ep, schedule)
    assert before.violations  # day and night mixed, four locations in one day
    solution = proposals.optimise(schedule.pk, at=builders.AT)
    assert solution.status.value in ("optimal", "feasible")
    schedule.refresh_from_db()
    proposal = proposals.proposal_of(schedule)
    assert proposal is not None and proposal.usable
    proposals.accept_proposal(team.ap, schedule, version=schedule.version)
    schedule.refresh_from_db()
    after = services.board(team.ep, schedule)
    assert after.violations == []
    assert sorted(s for d in scene_labels(after) for s in d) == sorted(
        s for d in scene_labels(before) for s in d
    )
    assert schedule.proposal is None


def test_a_proposal_cannot_be_accepted_after_the_board_changed(team):
    schedule = builders.schedule_on(team.project, team.ep, time_limit=5)
    proposals.optimise(schedule.pk, at=builders.AT)
    schedule.refresh_from_db()
    first = order_of(schedule).board[0]
    services.remove_strip(team.ep, schedule, first, version=schedule.version)
    schedule.refresh_from_db()
    with pytest.raises(Conflict):
        proposals.accept_proposal(team.ep, schedule, version=schedule.version)


def test_conflicting_rules_are_explained_not_ignored(team):
    schedule = builders.schedule_on(team.project, team.ep, time_limit=5)
    person = builders.cast_person(team.project, team.ep, "TEO", "Kid Actor", "500.00")
    projects.add_unavailability(
        team.ep, team.project, person.pk, date(2027, 3, 3), date(2027, 3, 3), "School trip"
    )
    park = Strip.objects.get(schedule=schedule, scene__location="PARK")
    services.update_strip(
        team.ep, schedule, park.pk, {"pinned_date": date(2027, 3, 3)}, version=schedule.version
    )
    solution = proposals.optimise(schedule.pk, at=builders.AT)
    assert solution.status.value == "infeasible"
    schedule.refresh_from_db()
    proposal = proposals.proposal_of(schedule)
    assert proposal is not None and not proposal.usable
    text = " ".join(c["description"] for c in proposal.conflicts)
    assert "Sc 7" in text and "TEO" in text and "Wed 3 Mar 2027" in text


def test_versions_are_compared_with_their_figures(team):
    schedule = builders.schedule_on(team.project, team.ep)
    services.duplicate_schedule(team.ep, schedule, name="Copy", at=builders.AT)
    figures = proposals.compare(team.viewer, team.project)
    assert {f.schedule.name for f in figures} == {"First pass", "Copy"}
    assert all(f.days == 1 and f.company_moves == 3 for f in figures)


def test_a_board_follows_a_revised_draft_keeping_its_order(team, client):
    schedule = builders.schedule_on(team.project, team.ep)
    order = order_of(schedule)
    moved = [order.board[1], order.board[0], *order.board[2:]]
    services.reorder(team.ap, schedule, services.BoardOrder(moved, []), version=schedule.version)
    revised = builders.SCRIPT.replace(
        "INT. DINER - NIGHT\n\nROSIE\nWe're closing.\n\nJUNE\nFive more minutes.\n",
        "INT. ALLEY - NIGHT\n\nREYES\nStay back.\n",
    )
    screenplay.import_revision(
        team.ep, schedule.script, "board2.fountain", revised.encode(), at=builders.AT
    )
    schedule.refresh_from_db()
    assert services.behind_latest(schedule) is not None
    client.force_login(team.ap)
    assert (
        "Follow the"
        in client.get(f"/projects/{team.project.pk}/schedules/{schedule.pk}/").content.decode()
    )
    report = services.follow_latest_draft(team.ap, schedule, version=schedule.version)
    assert report.omitted == ["8"] and report.added == ["8"]
    schedule.refresh_from_db()
    assert services.behind_latest(schedule) is None
    view = services.board(team.ep, schedule)
    assert [s.label for s in view.days[0].scenes][:2] == ["Sc 2", "Sc 1"]
    assert [s.heading for s in view.boneyard] == ["INT. ALLEY - NIGHT"]
