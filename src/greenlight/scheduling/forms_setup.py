"""Forms of the set-up pages: cast, element days, locations and the shooting calendar."""

from typing import Any

from django import forms

from greenlight.web.forms import DateInput, VersionedForm

from .models import CalendarDayKind, CastMember, ElementDayKind, Location
from .setup import CAST_FIELDS, LOCATION_FIELDS


class CastMemberForm(VersionedForm):
    class Meta:
        model = CastMember
        fields = CAST_FIELDS
        labels = {
            "number": "Cast number",
            "person": "Performer",
            "minor_age": "Minor's age",
            "allow_hold": "Holds allowed",
            "drop_pickup_days": "Drop/pick-up after (days off)",
            "makeup_minutes": "Make-up and hair (minutes)",
            "travel_minutes": "Travel to set (minutes)",
        }
        help_texts = {
            "person": "From the project's cast on the People page.",
            "minor_age": "Only for minors (under 18): their hours are limited.",
            "allow_hold": "Held and paid between work days; untick for day players.",
        }

    def __init__(self, *args: Any, people: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = people
        field.empty_label = "— not cast yet —"


class ElementDayForm(forms.Form):
    date = forms.DateField(widget=DateInput)
    kind = forms.ChoiceField(choices=ElementDayKind.choices)
    note = forms.CharField(max_length=200, required=False)


class NewLocationForm(forms.Form):
    name = forms.CharField(
        max_length=300, help_text='As the scene headings name the site, before " - ".'
    )


class LocationForm(VersionedForm):
    class Meta:
        model = Location
        fields = LOCATION_FIELDS
        widgets = {
            "available_from": DateInput,
            "available_to": DateInput,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "available_from": "First date the location can be used; blank: no limit.",
            "available_to": "Last date; the optimiser keeps its scenes inside the window.",
        }


class CalendarDayForm(forms.Form):
    date = forms.DateField(widget=DateInput)
    kind = forms.ChoiceField(choices=CalendarDayKind.choices)
    label = forms.CharField(
        max_length=100, required=False, help_text="e.g. Good Friday, crew rest day."
    )
