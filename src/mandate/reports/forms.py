from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from mandate.core.widgets import FastSelect
from mandate.documents.models import DirectiveDocument
from mandate.orgs.fields import UnitChoiceField, indented_label
from mandate.targets.models import Status, Target, TargetAllocation


class DashboardFilterForm(forms.Form):
    """Filters of the dashboard. The unit must lie in the user's subtree (``units``)."""

    unit = UnitChoiceField(
        label=_("Unit"), queryset=None, required=False, empty_label=None,
        error_messages={"invalid_choice": _("Choose a unit within your part of the organization.")},
    )
    document = forms.ModelChoiceField(label=_("Document"), queryset=None, required=False,
                                      empty_label=_("All documents"), widget=FastSelect)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    status = forms.MultipleChoiceField(label=_("Status"), choices=Status.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)

    def __init__(self, data, *, units, root_path: str, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = indented_label
        # EXISTS, not a join with DISTINCT: a national subtree holds hundreds of thousands of targets.
        self.fields["document"].queryset = DirectiveDocument.objects.filter(
            Exists(Target.objects.filter(document=OuterRef("pk"), org_unit__path__startswith=root_path))
            | Exists(TargetAllocation.objects.filter(target__document=OuterRef("pk"),
                                                     org_unit__path__startswith=root_path))
        ).order_by("number")
