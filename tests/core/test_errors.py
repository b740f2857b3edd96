"""The errors every front door reports: status codes and readable summaries."""

import copy
import pickle

import pytest

from greenlight.core.errors import Conflict, GreenlightError, InvalidInput, NotAllowed, NotFound


def test_summary_names_each_field_with_its_messages():
    error = InvalidInput({"code": ["Too long.", "Use capitals."], "title": ["Required."]})
    assert error.summary() == "code: Too long.; Use capitals. | title: Required."


def test_summary_shows_form_wide_messages_without_a_label():
    error = InvalidInput({"__all__": ["shoot_end is before shoot_start"], "kind": ["Bad."]})
    assert error.summary() == "shoot_end is before shoot_start | kind: Bad."


def test_an_empty_invalid_input_still_says_something():
    assert InvalidInput().summary() == "invalid input"
    assert str(InvalidInput()) == "invalid input"


def test_the_message_of_an_invalid_input_is_its_summary():
    error = InvalidInput.single("department", "No department #9 on Night Owl.")
    assert error.errors == {"department": ["No department #9 on Night Owl."]}
    assert str(error) == "department: No department #9 on Night Owl."


def test_each_error_carries_the_http_status_a_front_door_uses():
    assert (GreenlightError.status, InvalidInput.status) == (400, 422)
    assert (NotAllowed.status, NotFound.status, Conflict.status) == (403, 404, 409)
    for kind in (InvalidInput, NotAllowed, NotFound, Conflict):
        assert issubclass(kind, GreenlightError)


def test_invalid_input_can_be_raised_caught_and_kept_in_a_set():
    with pytest.raises(GreenlightError) as caught:
        raise InvalidInput.single("name", "Required.")
    assert {caught.value} == {caught.value}


def test_invalid_input_survives_pickling_and_copying_with_its_errors():
    error = InvalidInput({"end": ["The end date is before the start date."]})
    pickled = pickle.loads(pickle.dumps(error))  # noqa: S301 (our own bytes)
    for clone in (pickled, copy.copy(error)):
        assert isinstance(clone, InvalidInput)
        assert clone.errors == error.errors
        assert str(clone) == str(error)
