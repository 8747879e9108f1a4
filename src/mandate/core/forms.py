"""Form fields shared by every app: numbers and dates as people write them in their language."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.formats import get_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .numbers import format_number, parse_number


class NumberField(forms.CharField):
    """A number typed the way the user's language writes it ("1.234,5" in Vietnamese,
    "1,234.5" in English; a lone decimal comma or dot is fine in both). Cleans to a
    Decimal; shows a stored value without exponent or trailing zeros; a refused value
    stays in the field as typed."""

    default_error_messages = {
        "invalid": _("Enter a number as you would write it, for example 1.234,5 or 12,5."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)
        # The length is checked on the text typed (in to_python), not on the cleaned Decimal.
        self.validators = [v for v in self.validators if not hasattr(v, "limit_value")]

    def prepare_value(self, value):
        if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
            return format_number(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if self.max_length is not None and len(value) > self.max_length:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return parse_number(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def date_placeholder() -> str:
    first = get_format("DATE_INPUT_FORMATS")[0]
    return gettext("dd/mm/yyyy") if first.startswith("%d") else gettext("yyyy-mm-dd")


class LocalDateInput(forms.DateInput):
    """A date typed in the user's language: dd/mm/yyyy in Vietnamese (the first of the
    locale's DATE_INPUT_FORMATS, see mandate/formats/). A text box rather than the
    browser's date picker, whose order follows the browser, not the page's language."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("placeholder", date_placeholder())
        return context


__all__ = ["NumberField", "LocalDateInput", "date_placeholder"]
