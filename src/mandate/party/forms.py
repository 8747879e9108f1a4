from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.orgs.fields import UnitChoiceField
from mandate.orgs.models import OrgUnit

from .models import RatingRuleSet


class ImportForm(forms.Form):
    org_unit = UnitChoiceField(label=_("Party organization"), queryset=OrgUnit.objects.none())
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
    to_unit = UnitChoiceField(label=_("To organization"), queryset=OrgUnit.objects.none(), required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["to_unit"].queryset = units


class InspectionForm(forms.Form):
    body = UnitChoiceField(label=_("Done by"), queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=[])
    subject_org = UnitChoiceField(label=_("Organization inspected"), queryset=OrgUnit.objects.none(),
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


class SelfAssessmentForm(forms.Form):
    """A member's own assessment: a grade, or points when the rules have points bands."""

    grade = forms.ChoiceField(label=_("My self-assessment"), choices=[], required=False)
    points = forms.DecimalField(label=_("Points"), max_digits=6, decimal_places=2, min_value=0, max_value=1000,
                                required=False, help_text=_("Under rules with points bands, the points give the "
                                                            "grade when no grade is chosen."))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
                           required=False, help_text=_("What you did well and what you will improve."))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, rule_set=None, **kwargs):
        super().__init__(*args, **kwargs)
        if rule_set is not None:
            self.fields["grade"].choices = [("", "—"), *rule_set.grade_choices()]
            if not rule_set.points_bands:
                del self.fields["points"]
                self.fields["grade"].required = True

    def clean(self):
        data = super().clean()
        if not data.get("grade") and data.get("points") is None and "points" in self.fields:
            self.add_error("grade", _("Choose a grade or give your points."))
        return data


class AccountLinkForm(forms.Form):
    username = forms.CharField(label=_("Username of the member's account"), max_length=150,
                               help_text=_("The exact username the member signs in with."))
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    """Deletions and unlinking: the version the user confirmed on the page."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class InspectionEditForm(InspectionForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


def parse_defendants(text: str) -> list[tuple[str, str]]:
    """One defendant a line: "Full name; position" (the position may be left out)."""
    rows = []
    for line in (text or "").splitlines():
        name, _sep, position = line.partition(";")
        if name.strip():
            rows.append((name.strip(), position.strip()))
    return rows


def defendants_text(defendants) -> str:
    return "\n".join(f"{d.full_name}; {d.position}" if d.position else d.full_name for d in defendants)


class CaseForm(forms.Form):
    org_unit = UnitChoiceField(label=_("Handled under"), queryset=OrgUnit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=[])
    level = forms.ChoiceField(label=_("Level"), choices=[])
    opened_on = forms.DateField(label=_("Detected on"), widget=forms.DateInput(attrs={"type": "date"}))
    defendant_count = forms.IntegerField(label=_("Number of defendants"), min_value=0, max_value=10000, initial=0)
    defendants = forms.CharField(
        label=_("Defendants' names (optional)"), required=False, max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: full name; position. List those whose names are known; they may be fewer than "
                    "the number of defendants."))
    steering_monitored = forms.BooleanField(label=_("Monitored directly by the steering committee"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units=None, **kwargs):
        from .models import BodyLevel, CaseKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = CaseKind.choices
        self.fields["level"].choices = BodyLevel.choices
        if units is not None:
            self.fields["org_unit"].queryset = units

    def clean_defendants(self):
        return parse_defendants(self.cleaned_data.get("defendants", ""))
