"""Vietnamese is the default language and every label has a Vietnamese translation."""

import pathlib

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.test import Client

import mandate

LOCALE = pathlib.Path(mandate.__file__).parent / "locale" / "vi" / "LC_MESSAGES"


def test_every_message_is_translated_to_vietnamese():
    with open(LOCALE / "django.po", "rb") as f:
        catalog = read_po(f)
    missing = [m.id for m in catalog if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not missing, f"{len(missing)} messages without a Vietnamese translation, e.g. {missing[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy translations to review, e.g. {fuzzy[:5]}"


def _plain(value):
    # read_mo gives plural ids and strings as lists, read_po as tuples
    return tuple(value) if isinstance(value, (list, tuple)) else value


def test_compiled_catalog_is_up_to_date():
    with open(LOCALE / "django.po", "rb") as f:
        source = {_plain(m.id): _plain(m.string) for m in read_po(f) if m.id}
    with open(LOCALE / "django.mo", "rb") as f:
        compiled = {_plain(m.id): _plain(m.string) for m in read_mo(f) if m.id}
    assert source == compiled, "django.mo differs from django.po: run `make messages`"


@pytest.mark.django_db
def test_vietnamese_is_the_default_and_english_one_click_away(settings):
    settings.LANGUAGE_CODE = "vi"
    client = Client()
    page = client.get("/login/").content.decode()
    assert 'lang="vi"' in page
    assert "Đăng nhập" in page
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"}, follow=True)
    page = response.content.decode()
    assert 'lang="en"' in page
    assert "Log in" in page
