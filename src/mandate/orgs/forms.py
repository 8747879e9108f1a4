from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mandate.core.forms import LocalDateInput

from .fields import UnitChoiceField, indented_label
from .models import UnitKind

DATE = LocalDateInput()


class UnitForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=80,
                           help_text=_("Short, unique, letters, digits and dashes: mai-pha."))
    name_vi = forms.CharField(label=_("Name (Vietnamese)"), max_length=255)
    name_en = forms.CharField(label=_("Name (English)"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    valid_from = forms.DateField(label=_("Exists from"), required=False, widget=DATE)


class RenameForm(forms.Form):
    name_vi = forms.CharField(label=_("Name (Vietnamese)"), max_length=255)
    name_en = forms.CharField(label=_("Name (English)"), max_length=255, required=False)
    version = forms.CharField(widget=forms.HiddenInput)


class MergeForm(forms.Form):
    predecessors = forms.ModelMultipleChoiceField(label=_("Units that merge"), queryset=None,
                                                  widget=forms.CheckboxSelectMultiple)
    effective_on = forms.DateField(label=_("Effective from"), widget=DATE)
    successor = UnitChoiceField(label=_("Into an existing unit"), queryset=None, required=False)
    new_code = forms.SlugField(label=_("…or a new unit: code"), max_length=80, required=False)
    new_name_vi = forms.CharField(label=_("New unit's name (Vietnamese)"), max_length=255, required=False)
    new_name_en = forms.CharField(label=_("New unit's name (English)"), max_length=255, required=False)
    new_kind = forms.ChoiceField(label=_("New unit's kind"), choices=UnitKind.choices, required=False)
    new_parent = UnitChoiceField(label=_("New unit's parent"), queryset=None, required=False)
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=255, required=False,
                                  help_text=_("The resolution that decides it, e.g. 1672/NQ-UBTVQH15."))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("predecessors", "successor", "new_parent"):
            self.fields[name].queryset = units
            self.fields[name].label_from_instance = indented_label

    def clean(self):
        data = super().clean()
        if data.get("successor") and data.get("new_name_vi"):
            raise ValidationError(_("Choose the unit they merge into, or name a new one — not both."))
        if not data.get("successor"):
            missing = {name: _("Needed for the new unit.") for name in ("new_code", "new_name_vi", "new_kind")
                       if not data.get(name)}
            if missing:
                missing["successor"] = _("Choose the unit they merge into, or name a new one below.")
                raise ValidationError(missing)
        if len(data.get("predecessors") or []) + (0 if data.get("successor") else 1) < 2:
            self.add_error("predecessors", _("A merger needs at least two units."))
        return data

    def new_unit(self) -> dict | None:
        d = self.cleaned_data
        if d.get("successor"):
            return None
        return {"code": d["new_code"], "name_vi": d["new_name_vi"], "name_en": d["new_name_en"],
                "kind": d["new_kind"], "parent": d.get("new_parent")}


class SplitForm(forms.Form):
    effective_on = forms.DateField(label=_("Effective from"), widget=DATE)
    new_units = forms.CharField(
        label=_("New units"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One unit per line: code; Vietnamese name; English name (optional)."),
    )
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=255, required=False)

    def clean_new_units(self):
        specs, errors = [], []
        for number, line in enumerate(self.cleaned_data["new_units"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) < 2 or not parts[0] or not parts[1] or len(parts) > 3:
                errors.append(_("Line %(n)s: write “code; Vietnamese name; English name”.") % {"n": number})
                continue
            specs.append({"code": parts[0], "name_vi": parts[1], "name_en": parts[2] if len(parts) > 2 else ""})
        if errors:
            raise ValidationError(errors)
        if len(specs) < 2:
            raise ValidationError(_("A split needs at least two new units."))
        return specs
