from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import LocalDateInput
from mandate.orgs import fields as unit_fields

from .models import DocumentKind, DocumentState, RelationKind

DATE = LocalDateInput()


def add_service_errors(form, exc) -> None:
    """Show a service's ValidationError on the form, keeping what was typed."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class UnitChoiceField(unit_fields.UnitChoiceField):
    def label_from_instance(self, obj):
        if obj.valid_to is not None:
            # A closed unit stays on past records; say so where it is offered.
            return _("%(unit)s (closed %(date)s)") % {"unit": obj.display_name,
                                                     "date": obj.valid_to.strftime("%d/%m/%Y")}
        return obj.display_name


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} — {obj.title[:90]}"


class DocumentForm(forms.Form):
    # The number is kept as typed: the service parses it and reports a malformed one.
    number = forms.CharField(label=_("Number"), max_length=60,
                             help_text=_("As printed, e.g. 150-KH/TU, 129/KH-UBND or 35/2023/UBTVQH15."))
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("from the number"))] + list(DocumentKind.choices))
    issuing_unit = UnitChoiceField(label=_("Issuing unit"), queryset=None, required=False,
                                   empty_label=_("— none (central document) —"))
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=500)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    state = forms.ChoiceField(label=_("State"), choices=DocumentState.choices, initial=DocumentState.IN_FORCE)
    signed_file = forms.FileField(label=_("Signed copy (PDF or Word, at most 20 MB)"), required=False,
                                  widget=forms.FileInput(attrs={"accept": ".pdf,.docx"}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = units


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("This document"), choices=RelationKind.choices)
    target = DocumentChoiceField(label=_("Related document"), queryset=None)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = documents
