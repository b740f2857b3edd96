"""Forms of the scheduling pages."""

from typing import Any

from django import forms

from greenlight.web.forms import DateInput, VersionedForm

from .calendar import weekdays_from
from .models import Schedule, Strip
from .services import SETTINGS_FIELDS


class TimeInput(forms.TimeInput):
    input_type = "time"


class NewScheduleForm(forms.Form):
    name = forms.CharField(max_length=120)
    script = forms.TypedChoiceField(coerce=int, choices=())
    start_date = forms.DateField(widget=DateInput, help_text="The first shoot day.")

    def __init__(self, *args: Any, scripts: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["script"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(s.pk, s.title) for s in scripts]


class CopyForm(forms.Form):
    name = forms.CharField(max_length=120, label="Name of the copy")


class SettingsForm(VersionedForm):
    class Meta:
        model = Schedule
        fields = SETTINGS_FIELDS
        widgets = {"start_date": DateInput, "day_call": TimeInput, "night_call": TimeInput}
        labels = {"time_limit": "Optimiser effort (solver seconds)", "seed": "Optimiser seed"}

    def __init__(self, *args: Any, costs: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not costs:
            for name in ("weight_holding", "move_cost", "day_cost"):
                del self.fields[name]

    def clean_work_weekdays(self) -> str:
        value: str = self.cleaned_data["work_weekdays"]
        try:
            weekdays_from(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        return "".join(sorted(value))


class StripForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Strip
        fields = ("minutes", "pinned_date", "cover", "note")
        widgets = {"pinned_date": DateInput}
        labels = {"pinned_date": "Pinned to date", "cover": "Weather cover"}


class PrecedenceForm(forms.Form):
    before = forms.TypedChoiceField(coerce=int, choices=(), label="Shoot this scene")
    after = forms.TypedChoiceField(coerce=int, choices=(), label="before this one")
    reason = forms.CharField(max_length=200, required=False)

    def __init__(self, *args: Any, strips: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(s.id, f"{s.label} {s.heading}") for s in strips]
        for name in ("before", "after"):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = choices
