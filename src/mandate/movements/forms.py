"""Forms of the movement pages: they read input; the services validate and write."""

import datetime

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mandate.accounts.access import visible_units
from mandate.core.forms import LocalDateInput
from mandate.documents.models import DirectiveDocument
from mandate.orgs.fields import UnitChoiceField
from mandate.orgs.models import UnitKind

from .models import CommendationKind, CommendationLevel

DATE = LocalDateInput()


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} — {obj.title}"


class MovementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    document = DocumentChoiceField(label=_("Launched by document"), queryset=None)
    organizer = UnitChoiceField(label=_("Organizing unit"), queryset=None)
    occasion = forms.CharField(label=_("Occasion"), max_length=300, required=False)
    occasion_date = forms.DateField(label=_("Occasion date"), widget=DATE, required=False)
    registration_deadline = forms.DateField(label=_("Registration deadline"), widget=DATE)
    eligible_kinds = forms.MultipleChoiceField(label=_("Kinds of unit taking part"), choices=UnitKind.choices,
                                               widget=forms.CheckboxSelectMultiple)
    min_tasks = forms.IntegerField(label=_("Minimum tasks per unit"), min_value=1, max_value=20, initial=1)
    max_tasks = forms.IntegerField(label=_("Maximum tasks per unit"), min_value=1, max_value=20, initial=3)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, as_of: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        units = visible_units(user)
        self.fields["organizer"].queryset = units.valid_on(as_of)
        self.fields["document"].queryset = DirectiveDocument.objects.filter(
            Q(issuing_unit__in=units) | Q(issuing_unit__isnull=True)).order_by("-issued_on", "number")


class MovementEditForm(MovementForm):
    """Changes a movement's rules (a later registration deadline, another kind of unit).
    The organizer and the launching document stay; ``version`` refuses a stale edit."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["organizer"]
        del self.fields["document"]


class RegistrationForm(forms.Form):
    unit = UnitChoiceField(label=_("Registering unit"), queryset=None)
    title = forms.CharField(label=_("Task"), max_length=500)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)
    expected_result = forms.CharField(label=_("Expected result"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CommendationForm(forms.Form):
    recipient = forms.CharField(label=_("Awarded to (unit or person)"), max_length=300, required=False)
    unit = UnitChoiceField(label=_("Unit"), queryset=None, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=CommendationKind.choices)
    level = forms.ChoiceField(label=_("Level"), choices=CommendationLevel.choices)
    awarded_on = forms.DateField(label=_("Date"), widget=DATE)
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False,
                                      help_text=_("e.g. 1234/QĐ-UBND"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
