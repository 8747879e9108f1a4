from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import NumberField
from mandate.documents.forms import UnitChoiceField, add_service_errors  # noqa: F401 (re-exported)

from .models import Aggregation, ChangeKind, Comparator


def _number(label, required=True, help_text=""):
    # Typed as the user's language writes numbers (1.234,5 / 1,234.5); a refused value stays as typed.
    return NumberField(label=label, required=required, help_text=help_text)


class TargetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.document.number} · {obj.indicator} ({obj.period_label}) · {obj.org_unit.display_name}"


class TargetForm(forms.Form):
    org_unit = UnitChoiceField(label=_("Unit"), queryset=None)
    indicator = forms.CharField(label=_("Indicator"), max_length=300)
    unit_of_measure = forms.CharField(label=_("Unit of measure"), max_length=60,
                                      help_text=_("%, VND, or what is counted: party members, tourists..."))
    comparator = forms.ChoiceField(label=_("Comparator"), choices=Comparator.choices, initial=Comparator.EQUAL)
    value = _number(_("Target value"))
    value_max = _number(_("Upper value"), required=False, help_text=_("Only for a range (between)."))
    baseline = _number(_("Baseline"), required=False,
                       help_text=_("Needed for an increase or decrease; for a level target, where the line starts."))
    change_kind = forms.ChoiceField(label=_("Change measured"), choices=ChangeKind.choices,
                                    initial=ChangeKind.ABSOLUTE)
    period = forms.CharField(label=_("Period"), max_length=20,
                             help_text=_("A year (2023), a term (2026-2030) or a due date (2030-12-31)."))
    aggregation = forms.ChoiceField(label=_("Rollup"), choices=Aggregation.choices, initial=Aggregation.SUM)
    coverage_threshold = _number(_("Threshold per unit"), required=False,
                                 help_text=_("For a coverage target: the value a unit must report to count (1 = yes)."))
    parent = TargetChoiceField(label=_("Share of"), queryset=None, required=False,
                               help_text=_("For a share of a share: “20% of them”."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units=None, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units
        self.fields["parent"].queryset = parents


class BreakdownForm(forms.Form):
    """One value per child unit; a blank leaves that unit without a share."""

    def __init__(self, *args, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.children = list(children)
        for unit in self.children:
            self.fields[f"unit_{unit.pk}"] = _number(unit.display_name, required=False)

    def rows(self):
        return [(unit, self[f"unit_{unit.pk}"]) for unit in self.children]


class ValueForm(forms.Form):
    target = TargetChoiceField(label=_("Target"), queryset=None)
    org_unit = UnitChoiceField(label=_("Reporting unit"), queryset=None)
    period = forms.CharField(label=_("Period"), max_length=20,
                             help_text=_("A year (2023), a quarter (2023-Q2), a month (2023-06)..."))
    value = _number(_("Value"), help_text=_("Write it as usual: 1.234,5 or 12,5."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, targets=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets
        self.fields["org_unit"].queryset = units


class ValueEditForm(forms.Form):
    value = _number(_("Value"), help_text=_("Write it as usual: 1.234,5 or 12,5."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Required when returning the value."))
    version = forms.IntegerField(widget=forms.HiddenInput)
