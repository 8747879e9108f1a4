"""Django's and DRF's own messages whose Vietnamese reads badly, listed here so that our
catalog (which Django reads before its own) carries a better translation. Never imported:
`make messages` finds the strings."""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a number."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("This field is required."),
]
