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


class InspectionForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Done by"), queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=[])
    subject_org = forms.ModelChoiceField(label=_("Organization inspected"), queryset=OrgUnit.objects.none(),
                                         required=False)
    member_code = forms.CharField(label=_("or member inspected (member code)"), max_length=40, required=False)
    started_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ended_on = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, bodies=None, orgs=None, **kwargs):
        from .models import InspectionKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = InspectionKind.choices
        if bodies is not None:
            self.fields["body"].queryset = bodies
        if orgs is not None:
            self.fields["subject_org"].queryset = orgs


class DisciplineForm(forms.Form):
    form = forms.ChoiceField(label=_("Discipline"), choices=[])
    decided_on = forms.DateField(label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}))
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        from .models import DisciplineForm as Forms

        super().__init__(*args, **kwargs)
        self.fields["form"].choices = Forms.choices
