"""Form fields that choose org units, shared by every app's forms."""

from django import forms

from mandate.core.widgets import FastSelect, FastSelectMultiple


def indented_label(unit) -> str:
    """A unit's name indented by its depth, for a list of units in tree order."""
    return "\u00a0\u00a0" * unit.depth + unit.display_name


class UnitChoiceField(forms.ModelChoiceField):
    """One unit, by its name in the user's language. Its select is written in Python: a
    national user's list holds every unit of the country."""

    widget = FastSelect

    def label_from_instance(self, obj):
        return obj.display_name


class UnitsChoiceField(forms.ModelMultipleChoiceField):
    widget = FastSelectMultiple

    def label_from_instance(self, obj):
        return obj.display_name
