"""Select widgets written in Python.

Django renders each <option> through two templates, about 60 µs an option. A national
user's unit list holds every unit of the country (3,355 after the 2025 reorganization), so
the dashboard's unit filter alone took 200-360 ms with Django's widget. These write the same
HTML as Django's Select and SelectMultiple (tests/core/test_widgets.py compares them) for
flat choices; grouped choices are left to Django's templates.
"""

from __future__ import annotations

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


def _attrs_html(attrs: dict) -> str:
    """The attributes as Django's widgets/attrs.html writes them, in their order."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        # Through iter(): list() of a ModelChoiceIterator asks its len(), a COUNT query.
        choices = list(iter(self.choices))
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        wanted = self.format_value(value)
        has_selected = False
        options = []
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            selected = (not has_selected or self.allow_multiple_selected) and option_value in wanted
            has_selected |= selected
            options.append(format_html('\n  <option value="{}"{}>{}</option>\n', option_value,
                                       mark_safe(" selected") if selected else "", label))
        return mark_safe(format_html('<select name="{}"', name) + _attrs_html(final_attrs) + ">"
                         + "".join(options) + "\n</select>")


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    allow_multiple_selected = True
