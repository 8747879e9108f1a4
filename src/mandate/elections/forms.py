"""Forms of the election pages: they read input; the services validate and write."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mandate.orgs.fields import UnitChoiceField

from .models import Election, Nomination, Sex, StructureAttribute, TurnoutHour


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


class UnitsField(forms.ModelMultipleChoiceField):
    """Units to tick: the choices shown are ``offered``; any unit the user sees is accepted,
    so that one outside the organizer is refused by the service with its own message."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.display_name


class ConstituencyForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Elected body"), queryset=None)
    number = forms.IntegerField(label=_("Number"), widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    name = forms.CharField(label=_("Name"), max_length=200)
    seats = forms.CharField(label=_("Seats"), max_length=6, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    units = UnitsField(label=_("Units covered"), queryset=None, required=False,
                       help_text=_("The communes and wards whose voters elect in this constituency."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, bodies, units, offered, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["units"].queryset = units
        self.fields["units"].widget.choices = [(u.pk, u.display_name) for u in offered]


class ConstituencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.name}"


class VotingAreaForm(forms.Form):
    constituency = ConstituencyChoiceField(label=_("Constituency"), queryset=None)
    unit = UnitChoiceField(label=_("Commune or ward"), queryset=None)
    name = forms.CharField(label=_("Name"), max_length=200)
    voters = forms.CharField(label=_("Voters on the list"), max_length=12,
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, constituencies, units, offered, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["constituency"].queryset = constituencies
        self.fields["unit"].queryset = units
        self.fields["unit"].widget.choices = [("", "---------"), *((u.pk, u.display_name) for u in offered)]


def _number_input(kind="numeric"):
    return forms.TextInput(attrs={"inputmode": kind, "size": 6, "autocomplete": "off"})


class RulesForm(forms.Form):
    """The election's rule numbers and, per body, its structure targets (empty: no target).
    The labels are the model's, so the page, the history and the admin say the same."""

    extra_candidates = forms.CharField(max_length=4, widget=_number_input())
    extra_candidates_large = forms.CharField(max_length=4, widget=_number_input())
    large_from_seats = forms.CharField(max_length=4, widget=_number_input())
    majority_percent = forms.CharField(max_length=8, widget=_number_input("decimal"))
    min_turnout_percent = forms.CharField(max_length=8, widget=_number_input("decimal"))
    young_age = forms.CharField(max_length=4, widget=_number_input())
    tie_break_older = forms.BooleanField(required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)
    targets_stamp = forms.CharField(widget=forms.HiddenInput, required=False)

    RULES = ("extra_candidates", "extra_candidates_large", "large_from_seats", "majority_percent",
             "min_turnout_percent", "young_age", "tie_break_older")

    def __init__(self, *args, bodies, target_name, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.RULES:
            self.fields[name].label = capfirst(Election._meta.get_field(name).verbose_name)
        self.bodies = []
        for body in bodies:
            names = []
            for attribute, label in StructureAttribute.choices:
                name = target_name(body.pk, attribute)
                self.fields[name] = forms.CharField(label=capfirst(label), max_length=8, required=False,
                                                    widget=_number_input("decimal"))
                names.append((name, attribute))
            self.bodies.append((body, names))

    def rule_fields(self):
        return [self[name] for name in self.RULES]

    def target_groups(self):
        """Per body, its target fields bound to this form (for the template)."""
        return [(body, [self[name] for name, _attribute in names]) for body, names in self.bodies]

    def rules(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.RULES}

    def targets(self) -> dict:
        return {(body.pk, attribute): self.cleaned_data[name] for body, names in self.bodies
                for name, attribute in names}


class CandidateImportForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Elected body"), queryset=None)
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
