"""Numbers as people write them (issue 8, item 4): input and output per language, never an
exponent or trailing zeros; dates typed dd/mm/yyyy in Vietnamese."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from mandate.core.forms import LocalDateInput, NumberField
from mandate.core.numbers import format_number, parse_number
from mandate.core.templatetags.mandate import num


@pytest.mark.parametrize("lang,text,value", [
    ("vi", "1.234,5", "1234.5"), ("vi", "12,5", "12.5"), ("vi", "79,8", "79.8"), ("vi", "2.900.000", "2900000"),
    ("vi", "1.234", "1234"), ("vi", "12.5", "12.5"), ("en", "1,234.5", "1234.5"), ("en", "12.5", "12.5"),
    ("en", "1,234", "1234"), ("en", "12,5", "12.5"), ("vi", "-3,25", "-3.25"),
])
def test_parse(lang, text, value):
    with translation.override(lang):
        assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["abc", "1e5", "1.2.3,4", "12,34,5", "", "Infinity"])
def test_refuse(text):
    with translation.override("vi"), pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("lang,value,text", [
    ("vi", Decimal("8E+1"), "80"), ("vi", Decimal("3E+1"), "30"), ("vi", Decimal("79.8"), "79,8"),
    ("vi", Decimal("6.0000"), "6"), ("vi", Decimal("1234.5"), "1.234,5"), ("en", Decimal("1234.5"), "1,234.5"),
    ("en", Decimal("2960000.00"), "2,960,000"),
])
def test_format(lang, value, text):
    with translation.override(lang):
        assert format_number(value) == text
        assert num(value) == text


class F(forms.Form):
    value = NumberField()
    day = forms.DateField(widget=LocalDateInput())


def test_form_round_trip_in_vietnamese():
    with translation.override("vi"):
        form = F(initial={"value": Decimal("8E+1"), "day": datetime.date(2025, 6, 30)})
        html = str(form)
        assert 'value="80"' in html and 'value="30/06/2025"' in html and 'placeholder="dd/mm/yyyy"' in html
        form = F({"value": "1.234,5", "day": "30/06/2025"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data == {"value": Decimal("1234.5"), "day": datetime.date(2025, 6, 30)}
        form = F({"value": "1,2,3", "day": "06/30/2025"})
        assert not form.is_valid() and set(form.errors) == {"value", "day"}
        assert 'value="1,2,3"' in str(form)  # kept as typed


def test_value_edit_field_shows_the_number_as_written(tree, users, plan, client):
    from django.urls import reverse

    from mandate.targets import services

    target = services.create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="X",
                                    unit_of_measure="%", value="6.0000", period="2023")
    rv = services.enter_value(actor=users["hd_reporter"], target=target, org_unit=tree.hoang_dong, period="2023",
                              value=Decimal("8E+1"))
    client.force_login(users["hd_reporter"])
    client.post(reverse("set_language"), {"language": "vi"})
    html = client.get(reverse("targets:value", args=[rv.pk])).content.decode()
    assert 'value="80"' in html and "8E+1" not in html
    response = client.post(reverse("targets:value_edit", args=[rv.pk]),
                           {"value": "1.234,5", "note": "", "version": rv.version})
    assert response.status_code == 302
    rv.refresh_from_db()
    assert rv.value == Decimal("1234.5")
    client.force_login(users["admin"])
    html = client.get(reverse("targets:edit", args=[target.pk])).content.decode()
    assert 'value="6"' in html and "6.0000" not in html


def test_the_fast_formatter_writes_what_django_writes():
    """``format_decimal`` stands in for ``django.utils.numberformat.format`` on the busy
    pages: over random figures, places and both languages' separators, the same text."""
    import random

    from django.utils import numberformat

    from mandate.core.numbers import format_decimal

    rnd = random.Random(8)
    samples = [Decimal("0"), Decimal("-0"), Decimal("-0.00001"), Decimal("0.00001"), Decimal("1E+3"),
               Decimal("80.0000"), Decimal("-999.9999"), Decimal("1000"), Decimal("-1000000.5"), Decimal("123")]
    for _ in range(3000):
        digits = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(1, 16)))
        samples.append(Decimal(f"{rnd.choice(['', '-'])}{digits}").scaleb(-rnd.randint(0, 9)))
    for value in samples:
        for places in range(0, 7):
            for dec, thou in ((",", "."), (".", ","), (",", "")):
                expected = numberformat.format(value, dec, decimal_pos=places, grouping=3, thousand_sep=thou,
                                               force_grouping=True)
                assert format_decimal(value, places, dec, thou) == expected, (value, places, dec)
