"""Writes to memberships: carrying members along a reorganization, moving a member by
hand and undoing a move. Each move leaves a ``MembershipTransfer`` row (shown on the
user's notifications page and in the admin) and a history row on the membership."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.orgs.models import OrgUnit

from .models import Membership, MembershipTransfer, Role


def _move(membership: Membership, to_unit: OrgUnit, *, effective_on: datetime.date, reason: str,
          succession=None, actor=None) -> MembershipTransfer:
    transfer = MembershipTransfer.objects.create(
        user=membership.user, from_unit=membership.org_unit, to_unit=to_unit, role=membership.role,
        effective_on=effective_on, succession=succession, reason=reason[:300], created_by=actor,
    )
    membership.org_unit = to_unit
    membership.save(update_fields=["org_unit"])
    return transfer


@transaction.atomic
def carry_members(*, predecessor: OrgUnit, successor: OrgUnit, effective_on: datetime.date,
                  succession=None) -> list[MembershipTransfer]:
    """Members of ``predecessor`` (closing on ``effective_on``) now belong to ``successor``,
    keeping their role. Called by the reorganization services."""
    moved = []
    for membership in Membership.objects.select_for_update().select_related("user", "org_unit").filter(
            org_unit=predecessor).order_by("pk"):
        reason = _("%(old)s was reorganized into %(new)s.") % {"old": predecessor.name_vi, "new": successor.name_vi}
        moved.append(_move(membership, successor, effective_on=effective_on, reason=reason, succession=succession))
    return moved


def _require_admin(actor, *units: OrgUnit) -> None:
    from .access import has_role_on

    if getattr(actor, "is_superuser", False):
        return
    for unit in units:
        if not has_role_on(actor, unit, Role.ADMINISTRATOR):
            raise PermissionDenied(_("Only an administrator of both units can move a member."))


@transaction.atomic
def transfer_membership(*, actor, user, to_unit: OrgUnit, effective_on: datetime.date, reason: str,
                        check_actor: bool = True) -> MembershipTransfer:
    """Move ``user``'s membership to ``to_unit`` (an administrator's decision, e.g. when a
    unit closes without a successor and its work passes to the level above)."""
    membership = Membership.objects.select_for_update().select_related("org_unit").get(user=user)
    if check_actor:
        _require_admin(actor, membership.org_unit, to_unit)
    if membership.org_unit_id == to_unit.pk:
        raise ValidationError({"to_unit": _("The member already belongs to %(unit)s.") % {"unit": to_unit.display_name}})
    if not to_unit.is_valid_on(effective_on):
        raise ValidationError({"to_unit": _("%(unit)s does not exist on %(date)s.")
                               % {"unit": to_unit.display_name, "date": effective_on.strftime("%d/%m/%Y")}})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the member moves.")})
    return _move(membership, to_unit, effective_on=effective_on, reason=reason.strip(), actor=actor)


@transaction.atomic
def undo_transfer(transfer: MembershipTransfer, *, actor) -> MembershipTransfer:
    """Put the member back in the unit they were moved from. Only the latest move of a
    member can be undone, and only while they still sit where it put them."""
    transfer = MembershipTransfer.objects.select_for_update().select_related("from_unit", "to_unit").get(
        pk=transfer.pk)
    _require_admin(actor, transfer.from_unit, transfer.to_unit)
    if transfer.undone_at is not None:
        raise ValidationError(_("This move was already undone."), code="conflict")
    membership = Membership.objects.select_for_update().filter(user_id=transfer.user_id).first()
    latest = MembershipTransfer.objects.filter(user_id=transfer.user_id, undone_at__isnull=True).order_by(
        "-created_at", "-pk").first()
    if membership is None or membership.org_unit_id != transfer.to_unit_id or latest.pk != transfer.pk:
        raise ValidationError(_("The member has moved again since; undo the later move first."), code="conflict")
    membership.org_unit = transfer.from_unit
    membership.role = transfer.role
    membership.save(update_fields=["org_unit", "role"])
    transfer.undone_at, transfer.undone_by = timezone.now(), actor
    transfer.save(update_fields=["undone_at", "undone_by"])
    return transfer


__all__ = ["carry_members", "transfer_membership", "undo_transfer"]
