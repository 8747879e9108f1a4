from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEMO_PASSWORD = "mandate-demo"


class NotDemoPasswordValidator:
    """The published demo password may never become a real user's password."""

    def validate(self, password, user=None):
        if password == DEMO_PASSWORD:
            raise ValidationError(_("This password is published for the demo and cannot be used."),
                                  code="demo_password")

    def get_help_text(self):
        return _("Your password cannot be the published demo password.")
