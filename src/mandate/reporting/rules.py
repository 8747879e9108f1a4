"""Validation rules per indicator, run on the server for the grid, the Excel upload and
"submit all". Pure functions over Decimals; messages through gettext.

- a rate (unit of measure "%") lies between 0 and 100;
- a part (a target that is a share of another, "of which: excellent") is not above its
  whole for the same unit and period;
- a value far from last period's (more than ``FAR_RATIO`` away, relative) needs a comment.

``errors`` stop a value from being saved; ``far_from_last`` is a warning while drafting
and an error when submitting without a comment.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from mandate.core.templatetags.mandate import num

FAR_RATIO = Decimal("0.5")


def hard_errors(target, value: Decimal, whole: Decimal | None = None) -> list[str]:
    errors = []
    if target.is_percent and not (0 <= value <= 100):
        errors.append(_("A rate must lie between 0 and 100%."))
    if whole is not None and target.parent_id and value > whole:
        errors.append(_("This part (%(value)s) is above its whole, %(whole_name)s (%(whole)s).")
                      % {"value": num(value), "whole_name": target.parent.indicator, "whole": num(whole)})
    return errors


def far_from_last(value: Decimal, last: Decimal | None) -> bool:
    if last is None or last == 0:
        return False
    return abs(value - last) / abs(last) > FAR_RATIO


def far_message(last_label: str, last: Decimal) -> str:
    return _("Far from last period's value (%(last)s in %(period)s): add a comment explaining it.") % {
        "last": num(last), "period": last_label}
