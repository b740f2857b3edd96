"""Reading talent instances: three formats, the same data from each, clear errors with lines."""

from pathlib import Path

import pytest

from greenlight.core.errors import GreenlightError
from greenlight.scheduling.talent import TalentInstance
from greenlight.scheduling.talent_formats import (
    MAX_BYTES,
    TalentFormatError,
    parse_talent,
    read_talent,
)
from tests.scheduling.samples import TALENT

SAME_INSTANCE = [
    ("minizinc-benchmarks/medium/MobStory.dzn", "ddo-talentsched/MobStory"),
    *[
        (f"minizinc-benchmarks/medium/film{n}.dzn", f"ddo-talentsched/film{n}.dat")
        for n in (103, 105, 114, 116, 117, 118, 119)
    ],
    ("minizinc-benchmarks/easy/concert.dzn", "ddo-talentsched/concert"),
    ("minizinc-benchmarks/easy/small.dzn", "ddo-talentsched/small"),
    ("minizinc-benchmarks/easy/tiny.dzn", "ddo-talentsched/tiny"),
]


@pytest.mark.parametrize(("dzn", "plain"), SAME_INSTANCE, ids=[p for _, p in SAME_INSTANCE])
def test_dzn_and_text_copies_parse_to_identical_data(dzn: str, plain: str):
    minizinc, stuckey = read_talent(TALENT / dzn), read_talent(TALENT / plain)
    assert minizinc == stuckey
    assert (minizinc.durations, minizinc.costs, minizinc.casts) == (
        stuckey.durations,
        stuckey.costs,
        stuckey.casts,
    )


def test_minizinc_data_reads_matrix_costs_and_durations():
    instance = read_talent(TALENT / "minizinc-benchmarks/easy/tiny.dzn")  # also holds `s = [...]`
    assert instance.durations == (1, 2, 3, 1)
    assert instance.costs == (1, 2, 3)
    assert instance.casts == (
        frozenset({0, 1}),
        frozenset({1, 2}),
        frozenset({0, 2}),
        frozenset({1}),
    )
    assert instance.name == "tiny"


def test_rehearsal_data_costs_one_a_player():
    instance = read_talent(TALENT / "csplib-prob039/rehearsal_smith.dzn")
    assert instance.durations == (2, 4, 1, 3, 3, 2, 5, 7, 6)
    assert instance.costs == (1,) * 5
    assert instance.casts[0] == frozenset({0, 1, 2, 3})
    assert instance.casts[2] == frozenset({4})


def test_text_format_takes_the_name_and_both_counts_on_one_line():
    instance = read_talent(TALENT / "ddo-talentsched/Shaw2020")
    assert (instance.name, instance.scene_count, instance.actor_count) == ("Shaw2020", 20, 20)
    assert instance.durations[:3] == (1, 2, 4)


def test_comments_and_block_comments_are_ignored():
    text = "/* a\n block */ numScenes = 1; % one scene\nnumActors = 1;\nia = [|1|];\nc = [7];\n"
    text += "d = [2];"
    assert parse_talent(text) == TalentInstance((2,), (7,), (frozenset({0}),))


def test_array2d_with_literal_bounds_and_array1d_are_read():
    text = (
        "num_pieces = 2; num_players = 2; duration = array1d(1..2, [3, 4]);\n"
        "rehearsal = array2d(1..2, 1..2, [1, 0, 1, 1]);"
    )
    instance = parse_talent(text)
    assert instance.durations == (3, 4)
    assert instance.casts == (frozenset({0, 1}), frozenset({1}))


GOOD_DZN = "numScenes = 2;\nnumActors = 1;\nia = [| 1, 0 |];\nc = [1];\nd = [1, 2];\n"

MALFORMED = [
    ("", "the file is empty", None),
    ("x\n2\n1\n1 0 5\n1", "the file ends before the duration of scene 2", 5),
    ("x\n2\n1\n1 q 5\n1 1\n", "expected actor 1's flag for scene 2 (a whole number), found 'q'", 4),
    ("x\n2\n1\n1 3 5\n1 1\n", "actor 1's flag for scene 2 must be 0 or 1, not 3", 4),
    ("x\n2\n1\n1 0 5\n1 1\n7\n", "unexpected '7' after the last scene duration", 6),
    (GOOD_DZN.replace("d = [1, 2]", "d = [1, 2, 3]"), "d: has 3 values, expected 2", 5),
    (GOOD_DZN.replace("[| 1, 0 |]", "[| 1, 2 |]"), "ia: entries must be 0 or 1", 3),
    (GOOD_DZN.replace("[| 1, 0 |]", "[| 1, 0 | 0, 1 |]"), "ia: has 2 rows, expected 1", 3),
    (GOOD_DZN.replace("[| 1, 0 |]", "[| 1, 0, 1 |]"), "ia: has 3 columns, expected 2", 3),
    (GOOD_DZN.replace("[| 1, 0 |]", "[| 1, 0 | 1 |]"), "rows of this matrix have different", 3),
    (GOOD_DZN.replace("c = [1]", "c = [-1]"), "c: values cannot be negative", 4),
    (GOOD_DZN.replace("d = [1, 2];\n", ""), "missing d", None),
    (GOOD_DZN.replace("ia = [| 1, 0 |];", "ia = [| 1, 0 |]"), "expected ';', found 'c'", 4),
    (GOOD_DZN + "numScenes = 3;\n", "numScenes is assigned twice", 6),
    (GOOD_DZN.replace("c = [1]", "c = {1}"), "unexpected character '{'", 4),
    (GOOD_DZN.replace("ia = [| 1, 0 |]", "ia = [1, 0]"), "ia: expected a matrix", 3),
    (
        "num_pieces = 2; num_players = 1; duration = [1, 2];\n"
        "rehearsal = array2d(1..num_players, 1..num_pieces, [1, 0, 1]);",
        "array2d has 3 values for a 1x2 array",
        2,
    ),
    ("num_pieces = 2;\nrehearsal = array2d(1..k, 1..2, []);", "'k' is not a number", 2),
]


@pytest.mark.parametrize(("text", "message", "line"), MALFORMED)
def test_malformed_input_names_file_line_and_problem(text: str, message: str, line: int | None):
    with pytest.raises(TalentFormatError) as caught:
        parse_talent(text, "broken.dzn")
    error = caught.value
    assert message in str(error)
    assert error.filename == "broken.dzn"
    assert error.line == line
    assert str(error).startswith(f"broken.dzn, line {line}:" if line else "broken.dzn:")


def test_format_error_is_a_value_error_the_front_doors_can_report():
    error = TalentFormatError("f.dzn", "bad", 3)
    assert isinstance(error, ValueError)
    assert isinstance(error, GreenlightError)
    assert str(error) == "f.dzn, line 3: bad"


def test_unreadable_files_are_format_errors(tmp_path: Path):
    binary = tmp_path / "binary.dzn"
    binary.write_bytes(b"numScenes = 1;\n\xff\xfe")
    with pytest.raises(TalentFormatError, match=r"binary\.dzn, line 2: not UTF-8 text"):
        read_talent(binary)
    huge = tmp_path / "huge.dzn"
    huge.write_bytes(b" " * (MAX_BYTES + 1))
    with pytest.raises(TalentFormatError, match="larger than"):
        read_talent(huge)
    with pytest.raises(TalentFormatError, match="cannot read the file"):
        read_talent(tmp_path / "missing.dzn")
