"""Forms of the screenplay pages."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from greenlight.web.forms import VersionedForm

from .models import Category, Standards
from .services import MAX_SCRIPT_BYTES

SCRIPT_TYPES = (".fountain", ".txt", ".fdx")


class ScriptFileField(forms.FileField):
    """A Fountain (.fountain, .txt) or Final Draft (.fdx) file within the size limit."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Script file")
        kwargs.setdefault(
            "help_text",
            f"Fountain (.fountain, .txt) or Final Draft (.fdx), up to "
            f"{MAX_SCRIPT_BYTES // (1024 * 1024)} MB.",
        )
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": ",".join(SCRIPT_TYPES)})
        )
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> UploadedFile:
        upload: UploadedFile = super().clean(data, initial)
        name = upload.name or ""
        if not name.lower().endswith(SCRIPT_TYPES):
            raise forms.ValidationError(
                f"{name}: choose a Fountain (.fountain, .txt) or Final Draft (.fdx) file."
            )
        if (upload.size or 0) > MAX_SCRIPT_BYTES:
            raise forms.ValidationError(
                f"{name} is {upload.size:,} bytes; scripts are limited to {MAX_SCRIPT_BYTES:,}."
            )
        return upload


class UploadForm(forms.Form):
    file = ScriptFileField()
    title = forms.CharField(
        max_length=200, required=False, help_text="Leave empty to use the title page's title."
    )

    def read(self) -> tuple[str, bytes]:
        upload = self.cleaned_data["file"]
        return upload.name, upload.read()


class RevisionForm(forms.Form):
    file = ScriptFileField(label="Revised draft")

    def read(self) -> tuple[str, bytes]:
        upload = self.cleaned_data["file"]
        return upload.name, upload.read()


class TagForm(forms.Form):
    """Tag an element: by name alone, or anchored to a selected range of one paragraph."""

    name = forms.CharField(max_length=200, label="Element name")
    category = forms.ModelChoiceField(queryset=Category.objects.none(), empty_label=None)
    paragraph = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, categories: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories  # type: ignore[attr-defined]

    def anchor(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "category_id": d["category"].pk,
            "name": d["name"],
            "paragraph": d["paragraph"],
            "start": d["start"],
            "end": d["end"],
        }


class CategoryForm(forms.Form):
    name = forms.CharField(max_length=100)
    colour = forms.CharField(max_length=7, widget=forms.TextInput(attrs={"type": "color"}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class StandardsForm(VersionedForm):
    class Meta:
        model = Standards
        fields = ["min_pages", "max_pages", "restricted_words", "extra_times_of_day"]
        widgets = {
            "restricted_words": forms.Textarea(attrs={"rows": 4}),
            "extra_times_of_day": forms.Textarea(attrs={"rows": 3}),
        }
