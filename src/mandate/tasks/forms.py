from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import LocalDateInput
from mandate.core.widgets import FastSelectMultiple
from mandate.orgs.fields import UnitChoiceField, UnitsChoiceField
from mandate.orgs.models import UnitKind

from .models import Priority

DATE = LocalDateInput()


def add_service_errors(form, exc) -> None:
    """Show a service's ValidationError on the form it came from, keeping what was typed."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} — {obj.title[:90]}"


class TaskFieldsForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=500)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    source_document = DocumentChoiceField(label=_("Source document"), queryset=None, required=False)
    source_note = forms.CharField(label=_("Source (meeting conclusion, section of the plan...)"), max_length=500,
                                  required=False)
    coordinating_units = UnitsChoiceField(label=_("Coordinating units"), queryset=None, required=False,
                                          widget=FastSelectMultiple(attrs={"size": 6}))
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)
    expected_result = forms.CharField(label=_("Expected result"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL)

    def __init__(self, *args, units=None, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_document"].queryset = documents
        self.fields["coordinating_units"].queryset = units


class AssignForm(TaskFieldsForm):
    """Assign to one unit, to ticked units, or to every unit of some kinds under a parent."""

    assigning_unit = UnitChoiceField(label=_("Assigning unit"), queryset=None)
    lead_units = UnitsChoiceField(label=_("Lead unit(s)"), queryset=None, required=False,
                                  widget=forms.CheckboxSelectMultiple,
                                  help_text=_("Tick one unit, or several: each gets its own task."))
    parent = UnitChoiceField(label=_("…or every unit under"), queryset=None, required=False)
    kinds = forms.MultipleChoiceField(label=_("of the kinds"), required=False, widget=forms.CheckboxSelectMultiple,
                                      choices=[(k, label) for k, label in UnitKind.choices
                                               if k in (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.DEPARTMENT,
                                                        UnitKind.BOARD, UnitKind.CENTRE, UnitKind.VILLAGE,
                                                        UnitKind.PARTY_ORGANIZATION, UnitKind.MASS_ORGANIZATION)])

    field_order = ["title", "description", "source_document", "source_note", "assigning_unit", "lead_units",
                   "parent", "kinds", "coordinating_units", "deadline", "expected_result", "priority"]

    def __init__(self, *args, assigning_units=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = self.fields["coordinating_units"].queryset
        self.fields["assigning_unit"].queryset = assigning_units
        self.fields["lead_units"].queryset = units
        self.fields["parent"].queryset = units

    def clean(self):
        data = super().clean()
        if not data.get("lead_units") and not (data.get("parent") and data.get("kinds")):
            self.add_error("lead_units", _("Tick the lead unit(s), or choose a parent unit and the kinds of "
                                           "units under it."))
        if data.get("parent") and not data.get("kinds"):
            self.add_error("kinds", _("Choose the kinds of units under the parent (e.g. communes and wards)."))
        return data


class TaskEditForm(TaskFieldsForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    lead_unit = UnitChoiceField(label=_("Lead unit"), queryset=None)

    field_order = ["title", "description", "source_document", "source_note", "lead_unit", "coordinating_units",
                   "deadline", "expected_result", "priority"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = self.fields["coordinating_units"].queryset


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    org_unit = UnitChoiceField(label=_("Reporting for"), queryset=None, empty_label=None)
    percent = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100, required=False)
    narrative = forms.CharField(label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label=_("Evidence files (PDF, Word, Excel, JPG, PNG; at most 10 MB each)"),
                              required=False)
    reported_on = forms.DateField(label=_("Report date"), widget=DATE, required=False)
    mark_done = forms.BooleanField(label=_("The task is done"), required=False)
    result = forms.CharField(label=_("Result (when done)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    done_on = forms.DateField(label=_("Done on"), widget=DATE, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units
        self.fields["org_unit"].initial = units.first() if units is not None else None
        self.fields["reported_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("percent") is None and not data.get("mark_done") and "percent" not in self.errors:
            self.add_error("percent", _("Enter the progress as a whole number from 0 to 100."))
        return data


class ExtensionRequestForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    proposed_deadline = forms.DateField(label=_("Proposed deadline"), widget=DATE)
    reason = forms.CharField(label=_("Why more time is needed"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionDecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), choices=[("grant", _("Grant")), ("refuse", _("Refuse"))],
                                 widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment (required to refuse)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class ReopenForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why the task is reopened"), max_length=100)


class ImportForm(forms.Form):
    assigning_unit = UnitChoiceField(label=_("Assigning unit"), queryset=None)
    file = forms.FileField(label=_("Filled-in template (.xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def __init__(self, *args, assigning_units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigning_unit"].queryset = assigning_units
