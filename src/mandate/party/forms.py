from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.orgs.models import OrgUnit

from .models import RatingRuleSet


class ImportForm(forms.Form):
    org_unit = forms.ModelChoiceField(label=_("Party organization"), queryset=OrgUnit.objects.none())
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["org_unit"].queryset = units


class CampaignForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    rule_set = forms.ModelChoiceField(label=_("Rules"), queryset=RatingRuleSet.objects.all())
    reference_date = forms.DateField(label=_("Members counted on"), required=False,
                                     help_text=_("Default: 31 December of the year."),
                                     widget=forms.DateInput(attrs={"type": "date"}))


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class MemberActionForm(forms.Form):
    ACTIONS = [("made_official", _("made official")), ("transferred", _("transferred between organizations")),
               ("transferred_out", _("transferred out")), ("deceased", _("deceased")), ("expelled", _("expelled"))]
    action = forms.ChoiceField(label=_("Event"), choices=ACTIONS)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    to_unit = forms.ModelChoiceField(label=_("To organization"), queryset=OrgUnit.objects.none(), required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["to_unit"].queryset = units
