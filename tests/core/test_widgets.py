"""The Python-written selects give the HTML Django's own widgets give."""

import pytest
from django import forms

from mandate.core.widgets import FastSelect, FastSelectMultiple
from mandate.orgs.models import OrgUnit

CHOICES = [("", "---------"), (1, "Xã Hoàng Đồng"), ("2", 'A <b>"bold"</b> & co'), (3, "\u00a0\u00a0Phường Lương Văn Tri"),
           (None, "none"), (3, "the same value twice")]


@pytest.mark.parametrize("value", [None, "", 1, "1", "2", 3, "9", [1, "2"], ["3"], []])
@pytest.mark.parametrize("attrs", [None, {"id": "id_unit", "required": True}, {"disabled": True, "data-x": 'q"<'},
                                   {"hidden": False, "title": None}])
def test_the_selects_write_what_djangos_write(value, attrs):
    for fast, django_widget in ((FastSelect, forms.Select), (FastSelectMultiple, forms.SelectMultiple)):
        widget_attrs = {"class": "units"}
        assert (fast(attrs=widget_attrs, choices=CHOICES).render("unit", value, attrs)
                == django_widget(attrs=widget_attrs, choices=CHOICES).render("unit", value, attrs))


def test_grouped_choices_are_left_to_django():
    grouped = [("Lạng Sơn", [(1, "Xã Hoàng Đồng"), (2, "Phường Đông Kinh")]), (3, "Other")]
    assert FastSelect(choices=grouped).render("unit", 2) == forms.Select(choices=grouped).render("unit", 2)


@pytest.mark.django_db
def test_a_model_choice_field_renders_and_cleans_the_same(settings):
    units = [OrgUnit.objects.create(code=f"u{i}", name_vi=f"Đơn vị {i} & <con>") for i in range(3)]

    class Form(forms.Form):
        unit = forms.ModelChoiceField(OrgUnit.objects.order_by("pk"), widget=FastSelect)
        many = forms.ModelMultipleChoiceField(OrgUnit.objects.order_by("pk"), widget=FastSelectMultiple,
                                              required=False)

    class DjangoForm(forms.Form):
        unit = forms.ModelChoiceField(OrgUnit.objects.order_by("pk"))
        many = forms.ModelMultipleChoiceField(OrgUnit.objects.order_by("pk"), required=False)

    data = {"unit": str(units[1].pk), "many": [str(units[0].pk), str(units[2].pk)]}
    for bound in (Form(data), DjangoForm(data)):
        assert bound.is_valid(), bound.errors
        assert bound.cleaned_data["unit"] == units[1]
        assert list(bound.cleaned_data["many"]) == [units[0], units[2]]
    assert str(Form(data)["unit"]) == str(DjangoForm(data)["unit"])
    assert str(Form(data)["many"]) == str(DjangoForm(data)["many"])
    assert str(Form()["unit"]) == str(DjangoForm()["unit"])
    refused = Form({"unit": "not a unit"})
    assert not refused.is_valid()
    assert str(refused["unit"]) == str(DjangoForm({"unit": "not a unit"})["unit"])
