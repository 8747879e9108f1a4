"""Forms of the project pages. They only read input: the services validate and write, and
their errors are put back on these forms so that what was typed stays on the page."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.accounts.access import visible_units
from mandate.core.forms import LocalDateInput
from mandate.orgs.fields import UnitChoiceField

DATE = LocalDateInput()


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=500)
    investor = UnitChoiceField(label=_("Investor"), queryset=None)
    plan_year = forms.IntegerField(label=_("Capital plan year"), min_value=2000, max_value=2100)
    planned_capital = forms.CharField(label=_("Planned capital (VND)"), max_length=40,
                                      help_text=_("Whole đồng, e.g. 12.500.000.000"))
    started_on = forms.DateField(label=_("Implementation starts"), widget=DATE)
    planned_completion = forms.DateField(label=_("Planned completion"), widget=DATE)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, as_of: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["investor"].queryset = visible_units(user).valid_on(as_of)


class ProjectEditForm(ProjectForm):
    """Corrects a project's own data; the investor stays (a project changes hands only by a
    reorganization). ``version`` refuses an edit based on a page someone has since changed."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["investor"]


class DisbursementForm(forms.Form):
    paid_on = forms.DateField(label=_("Date"), widget=DATE)
    amount = forms.CharField(label=_("Amount (VND)"), max_length=40)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ClearanceForm(VersionedForm):
    percent = forms.CharField(label=_("Site cleared (%)"), max_length=10)
    as_of = forms.DateField(label=_("As of"), widget=DATE)


class CompletionForm(VersionedForm):
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE, required=False,
                                   help_text=_("Leave empty to withdraw a completion recorded by mistake."))


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=300)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)


class MilestoneDoneForm(VersionedForm):
    milestone = forms.IntegerField(widget=forms.HiddenInput)
    done_on = forms.DateField(label=_("Done on"), widget=DATE, required=False)
