from django import forms
from django.utils.translation import gettext_lazy as _

from mandate.documents.forms import UnitChoiceField


class PeriodUnitForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=None)
    period = forms.CharField(label=_("Period"), max_length=20,
                             help_text=_("A year (2023), a half (2023-H1), a quarter (2023-Q2) or a term (2020-2025)."))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
    mode = forms.ChoiceField(label=_("Save the values as"), initial="draft", widget=forms.RadioSelect,
                             choices=[("draft", _("drafts")), ("submit", _("submissions for approval"))])


class BoundaryForm(forms.Form):
    file = forms.FileField(label=_("GeoJSON file"),
                           help_text=_("A FeatureCollection of Polygon or MultiPolygon features in longitude/latitude, "
                                       "each with a “code” property equal to its unit's code; at most 2 MB."))
    illustrative = forms.BooleanField(label=_("These outlines are illustrative, not surveyed"), required=False)


class ReviewForm(PeriodUnitForm):
    fmt = forms.ChoiceField(label=_("Format"), choices=[("docx", _("Word (.docx)")), ("pdf", _("PDF"))],
                            initial="docx", widget=forms.RadioSelect)
