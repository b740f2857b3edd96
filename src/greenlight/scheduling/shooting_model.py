"""The CP-SAT model of a shooting schedule: scenes to shoot days, every hard rule a named group.

Booleans ``x[s][k]`` say scene ``s`` is shot on day ``k`` (``problem.dates[k]``); the day's type,
locations, whether it is used and who works are derived booleans, so every rule is a clause or
a linear constraint over them and the linear relaxation stays tight. With ``relaxable=True``
each rule group gets an enforcement literal (for explaining infeasibility) and scenes may fall
off the calendar when the calendar group is dropped; the objective is then left out.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .problem import Problem, SceneSpec
from .shooting_rules import (
    Conflict,
    Index,
    Kind,
    call_minute,
    cast_available,
    cast_label,
    format_date,
    format_minutes,
    format_pages,
    in_window,
    location_available,
    minor_limit,
    rest_is_enough,
    window_text,
)

BoolVar = cp_model.IntVar


@dataclass(frozen=True)
class Group:
    """A named rule group and the literal that switches it on (relaxable models only)."""

    conflict: Conflict
    literal: BoolVar


class ShootingModel:
    """Variables and constraints for one problem (assumed valid and free of obvious conflicts)."""

    def __init__(self, problem: Problem, *, relaxable: bool = False) -> None:
        self.problem, self.index, self.relaxable = problem, Index.of(problem), relaxable
        self.model = cp_model.CpModel()
        self.groups: list[Group] = []
        self.exterior: list[BoolVar] = []  # day k has an exterior scene (weather cover only)
        # cast id -> first day, last day, days paid; and the days used (objective only)
        self.span: dict[str, tuple[cp_model.IntVar, cp_model.IntVar, cp_model.IntVar]] = {}
        self.days_used: cp_model.IntVar | None = None
        self.started: dict[str, list[BoolVar]] = {}  # cast id -> paid from this day on
        self.pending: dict[str, list[BoolVar]] = {}  # cast id -> still to work on or after
        self.days = range(len(problem.dates))
        self._variables()
        self._calendar()
        self._day_night()
        self._capacity()
        self._availability()
        self._turnaround()
        self._minors()
        self._precedence_and_pins()
        self._weather_cover()
        self._no_gaps()
        if not relaxable:
            self._objective()

    def guard(self, kind: Kind, key: str, description: str) -> list[BoolVar]:
        """The enforcement literals for a new rule group: none unless the model is relaxable."""
        if not self.relaxable:
            return []
        name = f"{kind}:{key}" if key else str(kind)
        literal = self.model.new_bool_var(name)
        self.groups.append(Group(Conflict(kind, name, description), literal))
        return [literal]

    def _bools(self, label: str, count: int) -> list[BoolVar]:
        return [self.model.new_bool_var(f"{label}[{k}]") for k in range(count)]

    def _variables(self) -> None:
        n_days = len(self.days)
        model = self.model
        self.x = {s.id: self._bools(f"x[{s.id}]", n_days) for s in self.problem.scenes}
        # Whether day k has night scenes, day scenes: its call time (and wrap) follows them.
        self.night = self._bools("night", n_days)
        self.daytime = self._bools("daytime", n_days)
        self.used = self._bools("used", n_days)
        self.at = {loc: self._bools(f"at[{loc}]", n_days) for loc in self.index.locations}
        self.cast_ids = [c.id for c in self.problem.cast if self.index.scenes_of(c.id)]
        self.works = {c: self._bools(f"works[{c}]", n_days) for c in self.cast_ids}
        nights = [s for s in self.problem.scenes if s.night]
        days = [s for s in self.problem.scenes if not s.night]
        for k in self.days:
            for loc, at in self.at.items():
                here = [self.x[s.id][k] for s in self.problem.scenes if s.location == loc]
                _link_or(model, at[k], here)
            _link_or(model, self.used[k], [at[k] for at in self.at.values()])
            _link_or(model, self.night[k], [self.x[s.id][k] for s in nights])
            _link_or(model, self.daytime[k], [self.x[s.id][k] for s in days])
            for cast_id in self.cast_ids:
                theirs = [self.x[s.id][k] for s in self.index.scenes_of(cast_id)]
                _link_or(model, self.works[cast_id][k], theirs)

    def _calendar(self) -> None:
        count, dates = len(self.problem.scenes), self.problem.dates
        what = f"All {count} scenes" if count > 1 else "The scene"
        first, last_date = format_date(dates[0].date), format_date(dates[-1].date)
        when = (
            f"the {len(dates)} shoot dates from {first} to {last_date}"
            if len(dates) > 1
            else f"the one shoot date, {first}"
        )
        text = f"{what} must be shot on {when}"
        enforce = self.guard(Kind.CALENDAR, "", text)
        self.day_of: dict[str, cp_model.IntVar] = {}
        last = len(self.days) - (0 if self.relaxable else 1)  # index len(days): off the calendar
        for scene in self.problem.scenes:
            day = self.model.new_int_var(0, last, f"day[{scene.id}]")
            placed = sum(k * x for k, x in enumerate(self.x[scene.id]))
            if self.relaxable:
                off = self.model.new_bool_var(f"off[{scene.id}]")
                self.model.add_exactly_one([*self.x[scene.id], off])
                self.model.add_bool_or([~off]).only_enforce_if(*enforce)
                self.model.add(day == placed + len(self.days) * off)
            else:
                self.model.add_exactly_one(self.x[scene.id])
                self.model.add(day == placed)
            self.day_of[scene.id] = day

    def _day_night(self) -> None:
        text = "A shoot day is either a day shoot or a night shoot"
        enforce = self.guard(Kind.DAY_NIGHT, "", text)
        for k in self.days:
            mixed = [~self.night[k], ~self.daytime[k]]
            self.model.add_bool_or(mixed).only_enforce_if(*enforce)

    def _capacity(self) -> None:
        rules, scenes = self.problem.rules, self.problem.scenes
        if rules.max_eighths_per_day is not None:
            text = f"At most {format_pages(rules.max_eighths_per_day)} a day"
            enforce = self.guard(Kind.MAX_EIGHTHS, "", text)
            for k in self.days:
                pages = sum(s.eighths * self.x[s.id][k] for s in scenes)
                limit = rules.max_eighths_per_day * self.used[k]
                self.model.add(pages <= limit).only_enforce_if(*enforce)
        if rules.day_minutes is not None:
            text = (
                f"At most {format_minutes(rules.day_minutes)} of shooting a day, counting "
                f"{format_minutes(rules.move_minutes)} for each company move"
            )
            enforce = self.guard(Kind.DAY_MINUTES, "", text)
            for k in self.days:
                limit = rules.day_minutes * self.used[k]
                self.model.add(self.minutes_on(k) <= limit).only_enforce_if(*enforce)
        text = f"At most {rules.max_locations_per_day} locations a day"
        enforce = self.guard(Kind.MAX_LOCATIONS, "", text)
        for k in self.days:
            locations = sum(at[k] for at in self.at.values())
            self.model.add(locations <= rules.max_locations_per_day).only_enforce_if(*enforce)

    def minutes_on(self, k: int) -> cp_model.LinearExprT:
        """Shooting minutes of day ``k``, with the time each company move costs."""
        shot = sum(s.minutes * self.x[s.id][k] for s in self.problem.scenes)
        moves = sum(at[k] for at in self.at.values()) - self.used[k]
        return shot + self.problem.rules.move_minutes * moves

    def _availability(self) -> None:
        dates = [d.date for d in self.problem.dates]
        for cast_id in self.cast_ids:
            cast = self.index.cast[cast_id]
            self._unavailable(
                Kind.CAST_UNAVAILABLE, Kind.CAST_WINDOW, cast_label(cast), cast_id,
                self.works[cast_id], [cast_available(cast, d) for d in dates],
                [in_window(d, cast.available_from, cast.available_to) for d in dates],
                window_text(cast.available_from, cast.available_to),
            )  # fmt: skip
        for spec in self.problem.locations:
            if spec.name not in self.at:
                continue
            self._unavailable(
                Kind.LOCATION_UNAVAILABLE, Kind.LOCATION_WINDOW, spec.name, spec.name,
                self.at[spec.name], [location_available(spec, d) for d in dates],
                [in_window(d, spec.available_from, spec.available_to) for d in dates],
                window_text(spec.available_from, spec.available_to),
            )  # fmt: skip

    def _unavailable(
        self,
        day_off: Kind,
        window: Kind,
        who: str,
        key: str,
        busy: Sequence[BoolVar],
        free: Sequence[bool],
        inside: Sequence[bool],
        window_words: str,
    ) -> None:
        if not all(inside):
            enforce = self.guard(window, key, f"{who} is available {window_words}")
            for k in self.days:
                if not inside[k]:
                    self.model.add_bool_or([~busy[k]]).only_enforce_if(*enforce)
        for k in self.days:
            if inside[k] and not free[k]:
                when = self.problem.dates[k].date
                text = f"{who} is unavailable on {format_date(when)}"
                enforce = self.guard(day_off, f"{key}:{when.isoformat()}", text)
                self.model.add_bool_or([~busy[k]]).only_enforce_if(*enforce)

    def _turnaround(self) -> None:
        hours = self.problem.rules.turnaround_hours
        for cast_id in self.cast_ids:
            forms = sorted({s.night for s in self.index.scenes_of(cast_id)})
            short = [
                (k, first, then, longest)
                for k in self.days[:-1]
                for first in forms
                for then in forms
                if (longest := self._longest_day(k, first, then)) is not None
            ]
            if not short:
                continue
            who = cast_label(self.index.cast[cast_id])
            text = f"{who} needs {hours} h from wrap to the next call"
            enforce = self.guard(Kind.TURNAROUND, cast_id, text)
            works = self.works[cast_id]
            for k, first, then, longest in short:
                both = [works[k], works[k + 1], self._form(k, first), self._form(k + 1, then)]
                if longest < 0:
                    self.model.add_bool_or([~b for b in both]).only_enforce_if(*enforce)
                else:
                    self.model.add(self.minutes_on(k) <= longest).only_enforce_if(*enforce, *both)

    def _form(self, k: int, night: bool) -> BoolVar:
        return self.night[k] if night else self.daytime[k]

    def _longest_day(self, k: int, first_night: bool, then_night: bool) -> int | None:
        """The longest day ``k`` leaving the rest before day ``k + 1``: None if any, -1 if none."""
        rules, dates = self.problem.rules, self.problem.dates
        first, then = dates[k].date, dates[k + 1].date
        if rules.day_minutes is not None:  # the nominal wrap: a full shooting day
            enough = rest_is_enough(rules, first, first_night, rules.day_minutes, then, then_night)
            return None if enough else -1
        gap = (then - first).days * 24 * 60 + call_minute(rules, then_night)
        longest = gap - call_minute(rules, first_night) - rules.turnaround_hours * 60
        most = sum(s.minutes for s in self.problem.scenes) + rules.move_minutes * len(self.at)
        return None if most <= longest else max(longest, -1)

    def _minors(self) -> None:
        rules = self.problem.rules
        for cast_id in self.cast_ids:
            cast = self.index.cast[cast_id]
            if minor_limit(rules, cast.minor_age, False) is None:
                continue
            theirs = self.index.scenes_of(cast_id)
            text = f"{cast_label(cast)} is a minor and may not work a night shoot"
            enforce = self.guard(Kind.MINOR_NIGHT, cast_id, text)
            for k in self.days:
                pair = [~self.works[cast_id][k], ~self.night[k]]
                self.model.add_bool_or(pair).only_enforce_if(*enforce)
            school = minor_limit(rules, cast.minor_age, True) or 0
            other = minor_limit(rules, cast.minor_age, False) or 0
            if sum(s.minutes for s in theirs) <= min(school, other):
                continue
            text = (
                f"{cast_label(cast)}, aged {cast.minor_age}, may work at most "
                f"{format_minutes(school)} on a school day and {format_minutes(other)} on others"
            )
            enforce = self.guard(Kind.MINOR_HOURS, cast_id, text)
            for k, shoot_date in enumerate(self.problem.dates):
                limit = school if shoot_date.school_day else other
                worked = sum(s.minutes * self.x[s.id][k] for s in theirs)
                self.model.add(worked <= limit).only_enforce_if(*enforce)

    def _precedence_and_pins(self) -> None:
        for rule in self.problem.precedences:
            before, after = self.index.scenes[rule.before], self.index.scenes[rule.after]
            reason = f" ({rule.reason})" if rule.reason else ""
            text = f"{before.label} must be shot on a day before {after.label}{reason}"
            enforce = self.guard(Kind.PRECEDENCE, f"{before.label}<{after.label}", text)
            # Per day rather than day[after] > day[before]: a much tighter relaxation.
            for k in self.days:
                earlier = sum(self.x[before.id][:k])
                self.model.add(self.x[after.id][k] <= earlier).only_enforce_if(*enforce)
        pinned_days = {d.date: k for k, d in enumerate(self.problem.dates)}
        for scene in self.problem.scenes:
            if scene.pinned is None:
                continue
            text = f"{scene.label} is pinned to {format_date(scene.pinned)}"
            enforce = self.guard(Kind.PINNED, scene.label, text)
            on_the_day = self.x[scene.id][pinned_days[scene.pinned]]
            self.model.add_bool_or([on_the_day]).only_enforce_if(*enforce)

    def _weather_cover(self) -> None:
        need = self.problem.rules.cover_minutes
        exteriors = [s for s in self.problem.scenes if s.exterior]
        if need <= 0 or not exteriors:
            return
        text = (
            f"Each day with exteriors must leave at least {format_minutes(need)} of interior "
            f"cover scenes for later days"
        )
        enforce = self.guard(Kind.WEATHER_COVER, "", text)
        covers = [s for s in self.problem.scenes if s.cover]
        for k in self.days:
            outside = self.model.new_bool_var(f"exterior[{k}]")
            self.exterior.append(outside)
            for scene in exteriors:
                self.model.add_implication(self.x[scene.id][k], outside)
            later = sum(s.minutes * x for s in covers for x in self.x[s.id][k + 1 :])
            self.model.add(later >= need).only_enforce_if(*enforce, outside)

    def _no_gaps(self) -> None:
        text = f"Shoot days follow one another from {format_date(self.problem.dates[0].date)}"
        enforce = self.guard(Kind.NO_GAPS, "", text)
        for k in self.days[:-1]:
            self.model.add_implication(self.used[k + 1], self.used[k]).only_enforce_if(*enforce)

    def _objective(self) -> None:
        weights = self.problem.weights
        paid = [c for c in self.cast_ids if self.index.cast[c].daily_rate]
        rates = [self.index.cast[c].daily_rate for c in paid]
        holding = cp_model.LinearExpr.weighted_sum([self._paid_days(c) for c in paid], rates)
        moves = sum(at[k] for at in self.at.values() for k in self.days) - sum(self.used)
        fewest = min(_fewest_days(self.problem, self.problem.scenes), len(self.days))
        used = self.model.new_int_var(fewest, len(self.days), "days used")
        self.model.add(used == sum(self.used))
        self.days_used = used
        self.model.minimize(
            weights.holding * holding + weights.company_move * moves + weights.day * used
        )

    def _paid_days(self, cast_id: str) -> cp_model.IntVar:
        """Days paid, first to last work day, linked to prefix and suffix booleans (tight in LP)."""
        works, count = self.works[cast_id], len(self.days)
        # started[k]: worked on day k or before; pending[k]: works on day k or after. Both are
        # exact (not just bounds) so the objective of any solution is the board's true cost.
        started = self._bools(f"started[{cast_id}]", count)
        pending = self._bools(f"pending[{cast_id}]", count)
        for k in self.days:
            _link_or(self.model, started[k], [works[k], *started[k - 1 : k]])
            _link_or(self.model, pending[k], [works[k], *pending[k + 1 : k + 2]])
            # Paid on day k (started and pending) whenever working, and every day is one or both.
            self.model.add(started[k] + pending[k] >= 1 + works[k])
        # The span as integers too: linear rows that survive presolve, and a domain starting at
        # the fewest days the actor needs, which bounds the objective from the first moment.
        first = self.model.new_int_var(0, count - 1, f"first[{cast_id}]")
        last = self.model.new_int_var(0, count - 1, f"last[{cast_id}]")
        fewest = _fewest_days(self.problem, self.index.scenes_of(cast_id))
        paid = self.model.new_int_var(min(fewest, count), count, f"paid[{cast_id}]")
        self.model.add(first == count - sum(started))
        self.model.add(last == sum(pending) - 1)
        self.model.add(paid == last - first + 1)
        for scene in self.index.scenes_of(cast_id):
            self.model.add(first <= self.day_of[scene.id])
            self.model.add(last >= self.day_of[scene.id])
        self.model.add(sum(works) >= fewest)
        self.started[cast_id], self.pending[cast_id] = started, pending
        self.span[cast_id] = first, last, paid
        return paid

    def hint(self, days: Sequence[Sequence[str]]) -> None:
        """Start the search from ``days`` (scene ids per date), every derived boolean included."""
        where = {scene_id: k for k, ids in enumerate(days) for scene_id in ids}
        for scene in self.problem.scenes:
            for k in self.days:
                self.model.add_hint(self.x[scene.id][k], where.get(scene.id) == k)
            if scene.id in where:
                self.model.add_hint(self.day_of[scene.id], where[scene.id])
        on_day = [[self.index.scenes[i] for i in ids] for ids in days]
        if self.days_used is not None:
            self.model.add_hint(self.days_used, sum(1 for scenes in on_day if scenes))
        for k, outside in enumerate(self.exterior):
            self.model.add_hint(outside, any(s.exterior for s in on_day[k]))
        for k, scenes in enumerate(on_day):
            self.model.add_hint(self.used[k], bool(scenes))
            self.model.add_hint(self.night[k], any(s.night for s in scenes))
            self.model.add_hint(self.daytime[k], any(not s.night for s in scenes))
            for loc, at in self.at.items():
                self.model.add_hint(at[k], any(s.location == loc for s in scenes))
        for cast_id in self.cast_ids:
            worked = [any(cast_id in s.cast for s in scenes) for scenes in on_day]
            self._hint_all(self.works[cast_id], worked)
            if cast_id in self.started and any(worked):
                self._hint_all(self.started[cast_id], [any(worked[: k + 1]) for k in self.days])
                self._hint_all(self.pending[cast_id], [any(worked[k:]) for k in self.days])
                first, last, paid = self.span[cast_id]
                start, end = worked.index(True), len(worked) - 1 - worked[::-1].index(True)
                self._hint_all([first, last, paid], [start, end, end - start + 1])

    def _hint_all(self, variables: Sequence[cp_model.IntVar], values: Sequence[int]) -> None:
        for variable, value in zip(variables, values, strict=True):
            self.model.add_hint(variable, value)

    def scene_days(self, value: Callable[[BoolVar], bool]) -> list[list[str]]:
        """The scene ids on each date, reading booleans with ``value`` (solver or callback)."""
        return [[s.id for s in self.problem.scenes if value(self.x[s.id][k])] for k in self.days]


def _link_or(model: cp_model.CpModel, target: BoolVar, parts: list[BoolVar]) -> None:
    """``target`` is true exactly when one of ``parts`` is."""
    if not parts:
        model.add(target == 0)
        return
    for part in parts:
        model.add_implication(part, target)
    model.add_bool_or([~target, *parts])


def _fewest_days(problem: Problem, scenes: Sequence[SceneSpec]) -> int:
    """A lower bound on the days ``scenes`` need: pages and minutes, night and day apart."""
    rules, total = problem.rules, 0
    for night in (False, True):
        part = [s for s in scenes if s.night == night]
        if not part:
            continue
        need = 1
        if rules.max_eighths_per_day:
            need = max(need, -(-sum(s.eighths for s in part) // rules.max_eighths_per_day))
        if rules.day_minutes:
            need = max(need, -(-sum(s.minutes for s in part) // rules.day_minutes))
        total += need
    return total
