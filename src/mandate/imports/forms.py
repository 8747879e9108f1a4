from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import LocalDateInput
from mandate.documents.forms import DocumentChoiceField, UnitChoiceField
from mandate.documents.models import DocumentKind
from mandate.targets.models import Comparator


class StartForm(forms.Form):
    text = forms.CharField(label=_("Text"), required=False, strip=False,
                           widget=forms.Textarea(attrs={"rows": 12, "data-testid": "import-text"}),
                           help_text=_("Paste the plan, resolution or report here."))
    file = forms.FileField(label=_("…or a file"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,.pdf,.html,.htm",
                                                                  "data-testid": "import-file"}),
                           help_text=_(".txt, .docx, .pdf or .html, at most 10 MB."))
    org_unit = UnitChoiceField(label=_("Targets are for"), queryset=None,
                               widget=forms.Select(attrs={"data-testid": "import-unit"}))
    document = DocumentChoiceField(label=_("Document the targets belong to"), queryset=None, required=False,
                                   widget=forms.Select(attrs={"data-testid": "import-document"}),
                                   help_text=_("Leave empty to take the documents the text cites."))

    def __init__(self, *args, units, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units
        self.fields["document"].queryset = documents

    def clean(self):
        data = super().clean()
        if data.get("file") and (data.get("text") or "").strip():
            raise forms.ValidationError(_("Paste the text or choose a file, not both."))
        if not data.get("file") and not (data.get("text") or "").strip():
            self.add_error("text", _("There is no text to read: paste the text or choose a file."))
        return data


class _RowForm(forms.Form):
    """A review row is only checked when it is accepted; an unticked row is left alone."""

    def full_clean(self):
        super().full_clean()
        if self.is_bound and not self.cleaned_data.get("accept"):
            self._errors = ErrorDict()


class DocumentRowForm(_RowForm):
    accept = forms.BooleanField(label=_("Accept"), required=False)
    number = forms.CharField(label=_("Number"), max_length=60)
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *DocumentKind.choices], required=False)
    issued_on = forms.DateField(label=_("Issued on"), required=False,
                                widget=LocalDateInput())
    issuing_unit = forms.ChoiceField(label=_("Issuing unit"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        # ``units`` is a list read once for all rows (a queryset would be read again per row).
        super().__init__(*args, **kwargs)
        self._units = {str(u.pk): u for u in units}
        self.fields["issuing_unit"].choices = [("", "—")] + [(str(u.pk), u.display_name) for u in units]

    def clean_issuing_unit(self):
        return self._units.get(self.cleaned_data.get("issuing_unit") or "")


class TargetRowForm(_RowForm):
    accept = forms.BooleanField(label=_("Accept"), required=False)
    indicator = forms.CharField(label=_("Indicator"), max_length=300)
    comparator = forms.ChoiceField(label=_("Comparator"), choices=Comparator.choices)
    value = forms.CharField(label=_("Value"), max_length=40)
    value_max = forms.CharField(label=_("Upper value"), max_length=40, required=False)
    unit_of_measure = forms.CharField(label=_("Unit"), max_length=60)
    baseline = forms.CharField(label=_("Baseline"), max_length=40, required=False,
                               help_text=_("Needed for an increase or decrease."))
    deadline = forms.DateField(label=_("Deadline"), required=False,
                               widget=LocalDateInput())
    period = forms.CharField(label=_("Period"), max_length=20, required=False,
                             help_text=_("2030, 2026-2030 or a date; taken from the deadline when empty."))
    document = forms.ChoiceField(label=_("Document"), required=False)

    def __init__(self, *args, document_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = document_choices


class AssignmentRowForm(_RowForm):
    """An assignment read from the text, proposed as a task of the import's unit."""

    accept = forms.BooleanField(label=_("Accept"), required=False)
    title = forms.CharField(label=_("Task"), max_length=500)
    lead_unit = forms.ChoiceField(label=_("Lead unit"))
    coordinating_units = forms.MultipleChoiceField(label=_("Coordinating units"), required=False,
                                                   widget=forms.SelectMultiple(attrs={"size": 3}))
    deadline = forms.DateField(label=_("Deadline"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    document = forms.ChoiceField(label=_("Source document"), required=False)

    def __init__(self, *args, units=(), document_choices=(), candidates=(), **kwargs):
        # ``units`` is a list read once for all rows; ``candidates`` the units the name in the
        # text may mean, offered first.
        super().__init__(*args, **kwargs)
        self._units = {str(u.pk): u for u in units}
        first = [(str(u.pk), u.display_name) for u in candidates]
        rest = [(str(u.pk), u.display_name) for u in units if u not in candidates]
        self.fields["lead_unit"].choices = [("", "—"), *first, *rest]
        self.fields["coordinating_units"].choices = [(str(u.pk), u.display_name) for u in units]
        self.fields["document"].choices = document_choices

    def clean_lead_unit(self):
        unit = self._units.get(self.cleaned_data.get("lead_unit") or "")
        if unit is None:
            raise forms.ValidationError(_("Choose the unit that leads this task."))
        return unit

    def clean(self):
        data = super().clean()
        if data.get("accept") and not data.get("deadline") and "deadline" not in self.errors:
            self.add_error("deadline", _("Enter the deadline."))
        return data

    def clean_coordinating_units(self):
        return [self._units[pk] for pk in self.cleaned_data.get("coordinating_units") or [] if pk in self._units]


class _AssignmentFormSet(forms.BaseFormSet):
    """Each row gets its own candidate units (the names in the text differ per row)."""

    def __init__(self, *args, candidates=(), **kwargs):
        self._candidates = list(candidates)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index < len(self._candidates):
            kwargs["candidates"] = self._candidates[index]
        return kwargs


DocumentRowFormSet = forms.formset_factory(DocumentRowForm, extra=0)
AssignmentRowFormSet = forms.formset_factory(AssignmentRowForm, formset=_AssignmentFormSet, extra=0)
TargetRowFormSet = forms.formset_factory(TargetRowForm, extra=0)
