"""Forms of the projects pages."""

from typing import Any

from django import forms

from greenlight.accounts.capabilities import Role
from greenlight.web.forms import DateInput, VersionedForm

from .models import Department, Episode, Person, Project, Unavailability
from .services import PROJECT_FIELDS

DATE_WIDGETS = {
    name: DateInput()
    for name in (
        "prep_start",
        "shoot_start",
        "shoot_end",
        "delivery_date",
        "air_date",
        "start",
        "end",
    )
}


class ProjectForm(VersionedForm):
    class Meta:
        model = Project
        fields = list(PROJECT_FIELDS)
        widgets = {**DATE_WIDGETS, "logline": forms.Textarea(attrs={"rows": 3})}


class EpisodeForm(VersionedForm):
    class Meta:
        model = Episode
        fields = ["number", "title", "synopsis", "shoot_start", "air_date"]
        widgets = {**DATE_WIDGETS, "synopsis": forms.Textarea(attrs={"rows": 3})}


class DepartmentForm(VersionedForm):
    class Meta:
        model = Department
        fields = ["code", "name", "sort_order"]


class PersonForm(VersionedForm):
    class Meta:
        model = Person
        fields = [
            "name",
            "kind",
            "position",
            "department",
            "email",
            "phone",
            "agent",
            "notes",
            "daily_rate",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self, *args: Any, project: Project, show_contacts: bool, show_rates: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.project_id is None:
            # Person.clean compares the department's project with the person's.
            self.instance.project = project
        self.fields["department"].queryset = project.departments.all()  # type: ignore[attr-defined]
        hidden = ([] if show_contacts else ["email", "phone", "agent"]) + (
            [] if show_rates else ["daily_rate"]
        )
        for name in hidden:
            del self.fields[name]


class UnavailabilityForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Unavailability
        fields = ["start", "end", "reason"]
        widgets = DATE_WIDGETS


class InviteForm(forms.Form):
    email = forms.EmailField()
    role = forms.ChoiceField(choices=[(r.value, r.label) for r in Role], initial=Role.CREW.value)
    departments = forms.ModelMultipleChoiceField(
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Department heads, and associate producers you want to limit, work in these.",
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = project.departments.all()  # type: ignore[attr-defined]


class MemberForm(forms.Form):
    role = forms.ChoiceField(choices=[(r.value, r.label) for r in Role])
    departments = forms.ModelMultipleChoiceField(
        queryset=Department.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = project.departments.all()  # type: ignore[attr-defined]
