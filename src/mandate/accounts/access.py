"""Who may see and do what. Every page and API endpoint asks these functions.

A user belongs to one org unit with one role and sees that unit's subtree (as it is on
the date being viewed, including the units that were merged into it). Without a
membership a user sees nothing; a superuser sees everything.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from mandate.orgs.models import OrgUnit, OrgUnitAlias

from .models import Membership, Role


def membership_of(user) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_mandate_membership", False)
    if cached is not False:
        return cached
    membership = Membership.objects.select_related("org_unit").filter(user=user).first()
    user._mandate_membership = membership
    return membership


def root_unit_of(user) -> OrgUnit | None:
    membership = membership_of(user)
    return membership.org_unit if membership else None


def visible_units(user):
    """All units in the user's subtree, open or closed; filter by date separately."""
    if getattr(user, "is_superuser", False):
        return OrgUnit.objects.all()
    membership = membership_of(user)
    if membership is None:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(_within(membership.org_unit.path))


def _within(path: str) -> Exists:
    """A unit in the subtree at ``path``, or merged into a unit of it (every unit has the
    alias row (itself, itself), so one EXISTS covers both)."""
    return Exists(OrgUnitAlias.objects.filter(unit=OuterRef("pk"), current__path__startswith=path))


def _in_subtree(unit: OrgUnit, root: OrgUnit) -> bool:
    if unit.path.startswith(root.path):
        return True
    return OrgUnitAlias.objects.filter(unit=unit, current__path__startswith=root.path).exists()


def can_see_unit(user, unit: OrgUnit) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    membership = membership_of(user)
    return bool(membership and _in_subtree(unit, membership.org_unit))


def has_role_on(user, unit: OrgUnit, role: str) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    membership = membership_of(user)
    return bool(membership and membership.has_role(role) and _in_subtree(unit, membership.org_unit))


def closed_unit_notice(user, day) -> str:
    """A plain sentence when the user's own unit no longer exists on ``day`` (empty otherwise)."""
    membership = membership_of(user)
    if membership is None or membership.org_unit.is_valid_on(day):
        return ""
    unit = membership.org_unit
    if unit.valid_to is not None and unit.valid_to <= day:
        return _("Your unit, %(unit)s, closed on %(date)s. Lists of units start from it and may be empty. "
                 "Ask an administrator to move your account to the unit that took over its work, or choose "
                 "a date before it closed under “As of”.") % {
            "unit": unit.display_name, "date": (unit.valid_to).strftime("%d/%m/%Y")}
    return _("Your unit, %(unit)s, does not exist yet on %(date)s; choose a later date under “As of”.") % {
        "unit": unit.display_name, "date": day.strftime("%d/%m/%Y")}


def require_role_on(user, unit: OrgUnit, role: str) -> None:
    if not has_role_on(user, unit, role):
        raise PermissionDenied(
            _("Your role does not allow this for %(unit)s.") % {"unit": unit.display_name}
        )


def require_visible(user, unit: OrgUnit) -> None:
    if not can_see_unit(user, unit):
        raise PermissionDenied(_("This unit is outside your part of the organization."))


__all__ = [
    "Role",
    "membership_of",
    "root_unit_of",
    "visible_units",
    "can_see_unit",
    "has_role_on",
    "require_role_on",
    "require_visible",
    "closed_unit_notice",
]
