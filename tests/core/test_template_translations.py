"""Every string a template marks for translation has a Vietnamese translation in the
compiled catalog, so a new {% translate %} without `make messages` fails here (issue 8,
item 7). Django's own messages that read badly in Vietnamese are overridden by ours."""

import pathlib
import re

from babel.messages.mofile import read_mo
from django.utils import translation
from django.utils.translation.template import templatize

import mandate

ROOT = pathlib.Path(mandate.__file__).parent
MO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.mo"
# templatize writes each message as a call with u'...' literals: take the literals that follow.
CALL = re.compile(r"\b(n?gettext|pgettext|npgettext)\(\s*((?:u'(?:[^'\\]|\\.)*'\s*,?\s*)+)", re.S)
STRING = re.compile(r"u'((?:[^'\\]|\\.)*)'")


def _catalog() -> dict:
    with open(MO, "rb") as f:
        out = {}
        for m in read_mo(f):
            if not m.id:
                continue
            key = tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id
            out[(m.context, key)] = m.string
        return out


def _template_messages():
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        for match in CALL.finditer(code):
            kind, args = match.groups()
            strings = [s.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
                       for s in STRING.findall(args)]
            context = None
            if kind.startswith("p") or kind.startswith("np"):
                context, strings = strings[0], strings[1:]
            msgid = tuple(strings[:2]) if kind.startswith("n") or kind.startswith("np") else strings[0]
            yield path.relative_to(ROOT), context, msgid


def test_every_template_string_has_a_vietnamese_translation():
    catalog = _catalog()
    missing = []
    for path, context, msgid in _template_messages():
        string = catalog.get((context, msgid))
        if not string or (isinstance(string, (list, tuple)) and not all(string)):
            missing.append(f"{path}: {msgid!r}")
    assert not missing, f"{len(missing)} template strings without Vietnamese: {missing[:8]}"


def test_the_scan_finds_template_strings():
    found = {msgid for _p, _c, msgid in _template_messages()}
    assert "Dashboard" in found and len(found) > 200


def test_django_messages_read_well_in_vietnamese():
    from django import forms

    with translation.override("vi"):
        error = forms.IntegerField().error_messages["invalid"]
        assert str(error) == "Hãy nhập một số nguyên."
        choice = forms.ChoiceField(choices=[("a", "A")]).error_messages["invalid_choice"]
        assert "khả thi" not in str(choice % {"value": "x"})
