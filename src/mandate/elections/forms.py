"""Forms of the election pages: they read input; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Nomination, Sex, StructureAttribute, TurnoutHour


class TurnoutForm(forms.Form):
    hour = forms.TypedChoiceField(label=_("Hour"), choices=TurnoutHour.choices, coerce=int)
    voted = forms.CharField(label=_("Voters who voted"), max_length=12,
                            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ResultForm(forms.Form):
    ballots_issued = forms.CharField(label=_("Ballots issued"), max_length=12,
                                     widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    ballots_received = forms.CharField(label=_("Ballots received"), max_length=12,
                                       widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    valid = forms.CharField(label=_("Valid ballots"), max_length=12, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    invalid = forms.CharField(label=_("Invalid ballots"), max_length=12,
                              widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submit = forms.BooleanField(label=_("Submit for approval"), required=False, initial=True)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        for c in self.candidates:
            self.fields[f"votes_{c.pk}"] = forms.CharField(
                label=_("Votes for %(name)s") % {"name": c.full_name}, max_length=12,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "data-testid": f"votes-{c.list_order}"}))

    def votes(self) -> dict:
        return {c.pk: self.cleaned_data.get(f"votes_{c.pk}") for c in self.candidates}


class CandidateForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    birth_year = forms.IntegerField(label=_("Year of birth"), min_value=1900, max_value=2100)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    ethnicity = forms.CharField(label=_("Ethnicity"), max_length=60)
    is_ethnic_minority = forms.BooleanField(label=_("Ethnic minority"), required=False)
    occupation = forms.CharField(label=_("Occupation and position"), max_length=300)
    is_party_member = forms.BooleanField(label=_("Party member"), required=False)
    nomination = forms.ChoiceField(label=_("Nomination"), choices=Nomination.choices)
    list_order = forms.IntegerField(label=_("Order on the list"), min_value=0, initial=0)


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ElectionForm(forms.Form):
    name_vi = forms.CharField(label=_("Name (Vietnamese)"), max_length=300)
    name_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False)
    organizer = UnitChoiceField(label=_("Organizing unit"), queryset=None)
    term = forms.CharField(label=_("Term"), max_length=20, initial="2026-2031")
    election_day = forms.DateField(label=_("Election day"), widget=forms.DateInput(attrs={"type": "date"},
                                                                                    format="%Y-%m-%d"))
    national_assembly_seats = forms.IntegerField(label=_("National Assembly deputies to elect here (0: none)"),
                                                 min_value=0, initial=0)
    provincial_council_seats = forms.IntegerField(label=_("Provincial People's Council deputies (0: none)"),
                                                  min_value=0, initial=0)
    commune_councils = forms.BooleanField(label=_("Also the People's Council of every commune and ward"),
                                          required=False, initial=True)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = units


class StructureTargetForm(forms.Form):
    body = forms.IntegerField(widget=forms.HiddenInput)
    attribute = forms.ChoiceField(label=_("Who"), choices=StructureAttribute.choices)
    min_percent = forms.CharField(label=_("At least (%)"), max_length=6,
                                  widget=forms.TextInput(attrs={"inputmode": "decimal"}))
