"""Form helpers shared by every package's pages."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms

from greenlight.core.errors import Conflict, InvalidInput

T = TypeVar("T")


def run_action(form: forms.BaseForm, action: Callable[[], T]) -> T | None:
    """Run a service action; its validation errors land on the form, and nothing is saved."""
    try:
        return action()
    except InvalidInput as error:
        for field, messages in error.errors.items():
            form.add_error(field if field in form.fields else None, messages)
    except Conflict as error:
        form.add_error(None, str(error))
    return None


def posted_version(data: Any) -> int:
    """The ``version`` a form posted back, for optimistic concurrency; refused when missing."""
    try:
        return int(data.get("version", ""))
    except ValueError:
        raise InvalidInput({"version": ["The form is missing its version; reload."]}) from None


class DateInput(forms.DateInput):
    input_type = "date"


class VersionedForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form carrying the version it was read at, for optimistic concurrency."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = getattr(self.instance, "version", None)

    def changes(self) -> tuple[dict[str, Any], int | None]:
        data = {name: self.cleaned_data[name] for name in self.fields if name != "version"}
        return data, self.cleaned_data.get("version")
