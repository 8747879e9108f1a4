"""Writes to the org tree: creating units and recording reorganizations."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import OrgUnit, OrgUnitAlias, Succession, SuccessionKind
from .signals import units_merged


def create_unit(*, code: str, name_vi: str, kind: str, parent: OrgUnit | None = None, name_en: str = "",
                valid_from: datetime.date | None = None, valid_to: datetime.date | None = None,
                sort_order: int = 0, is_illustrative: bool = False) -> OrgUnit:
    if parent is not None and valid_from and parent.valid_to and valid_from >= parent.valid_to:
        raise ValidationError(_("The parent unit no longer exists on that date."))
    unit = OrgUnit(code=code, name_vi=name_vi, name_en=name_en, kind=kind, parent=parent,
                   valid_from=valid_from, valid_to=valid_to, sort_order=sort_order,
                   is_illustrative=is_illustrative)
    unit.full_clean()
    unit.save()
    return unit


def _close(unit: OrgUnit, on: datetime.date) -> None:
    if not unit.is_valid_on(on - datetime.timedelta(days=1)):
        raise ValidationError(
            _("%(unit)s does not exist the day before %(date)s, so it cannot be reorganized then.")
            % {"unit": unit.display_name, "date": on.isoformat()}
        )
    open_children = unit.children.valid_on(on)
    if open_children.exists():
        raise ValidationError(
            _("%(unit)s still has units under it on %(date)s; move or reorganize them first.")
            % {"unit": unit.display_name, "date": on.isoformat()}
        )
    unit.valid_to = on
    unit.save(update_fields=["valid_to", "updated_at"])


@transaction.atomic
def record_merger(*, predecessors: list[OrgUnit], successor: OrgUnit, effective_on: datetime.date,
                  legal_basis: str = "", is_illustrative: bool = False) -> list[Succession]:
    """Merge ``predecessors`` into ``successor`` from ``effective_on``.

    The predecessors close the day before; their past figures stay theirs and, from that
    date on, also count under the successor in every rollup.
    """
    if not predecessors:
        raise ValidationError(_("Choose at least one unit to merge."))
    if successor in predecessors:
        raise ValidationError(_("A unit cannot be merged into itself."))
    if successor.valid_from and successor.valid_from > effective_on:
        raise ValidationError(_("The new unit must exist from the date of the merger."))
    from mandate.accounts.services import carry_members

    edges, added = [], []
    for unit in OrgUnit.objects.select_for_update().filter(pk__in=[p.pk for p in predecessors]).order_by("pk"):
        _close(unit, effective_on)
        edges.append(Succession.objects.create(predecessor=unit, successor=successor, kind=SuccessionKind.MERGER,
                                               effective_on=effective_on, legal_basis=legal_basis,
                                               is_illustrative=is_illustrative))
        # Its members now work for the successor (recorded, undoable by an administrator).
        carry_members(predecessor=unit, successor=successor, effective_on=effective_on, succession=edges[-1])
        # Everything counted under the predecessor now counts under the successor too.
        absorbed = set(OrgUnitAlias.objects.filter(current=unit).values_list("unit_id", flat=True))
        absorbed -= set(OrgUnitAlias.objects.filter(current=successor, unit__in=absorbed)
                        .values_list("unit_id", flat=True))
        OrgUnitAlias.objects.bulk_create(
            [OrgUnitAlias(unit_id=u, current=successor, since=effective_on) for u in sorted(absorbed)],
            ignore_conflicts=True,
        )
        added += [(u, successor.pk) for u in sorted(absorbed)]
    # Figures kept elsewhere (the targets' rollups) follow, in this transaction.
    units_merged.send(sender=OrgUnit, pairs=added)
    return edges


@transaction.atomic
def record_split(*, predecessor: OrgUnit, successors: list[OrgUnit], effective_on: datetime.date,
                 legal_basis: str = "", is_illustrative: bool = False) -> list[Succession]:
    """Split ``predecessor`` into ``successors``. Its past figures stay with it: nothing
    says how they would divide, so no successor inherits them."""
    if len(successors) < 2:
        raise ValidationError(_("A split needs at least two new units."))
    if predecessor in successors:
        raise ValidationError(_("A unit cannot be split into itself."))
    from mandate.accounts.services import carry_members

    predecessor = OrgUnit.objects.select_for_update().get(pk=predecessor.pk)
    _close(predecessor, effective_on)
    edges = [
        Succession.objects.create(predecessor=predecessor, successor=s, kind=SuccessionKind.SPLIT,
                                  effective_on=effective_on, legal_basis=legal_basis,
                                  is_illustrative=is_illustrative)
        for s in successors
    ]
    # Nothing says which new unit each member joins: they go to the first one listed, and
    # an administrator moves or puts back whoever belongs elsewhere (the move is recorded).
    carry_members(predecessor=predecessor, successor=successors[0], effective_on=effective_on, succession=edges[0])
    return edges


# --- Writes made by people through the pages: each checks the actor's role. -----------------

def _require_admin_over(actor, unit: OrgUnit | None) -> None:
    """Administrator on ``unit`` (a top-level unit: superusers only)."""
    from django.core.exceptions import PermissionDenied

    from mandate.accounts.access import require_role_on
    from mandate.accounts.models import Role

    if unit is None:
        if not getattr(actor, "is_superuser", False):
            raise PermissionDenied(_("Only a superuser can add or reorganize top-level units."))
        return
    require_role_on(actor, unit, Role.ADMINISTRATOR)


@transaction.atomic
def add_unit(*, actor, parent: OrgUnit | None, code: str, name_vi: str, kind: str, name_en: str = "",
             valid_from: datetime.date | None = None) -> OrgUnit:
    _require_admin_over(actor, parent)
    if OrgUnit.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Another unit already has the code %(code)s.") % {"code": code}})
    return create_unit(code=code, name_vi=name_vi.strip(), name_en=name_en.strip(), kind=kind, parent=parent,
                       valid_from=valid_from)


def version_token(unit: OrgUnit) -> str:
    """OrgUnit has no version field: its last change time stands for it."""
    return unit.updated_at.isoformat()


@transaction.atomic
def rename_unit(unit: OrgUnit, *, actor, name_vi: str, name_en: str, expected_version: str | None) -> OrgUnit:
    from mandate.core.exceptions import ConflictError

    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    _require_admin_over(actor, unit)
    if expected_version is not None and expected_version != version_token(unit):
        raise ConflictError(
            _("Someone else changed this unit while you were editing it. Reload the page to see their "
              "change; nothing of theirs was overwritten."),
            code="conflict",
        )
    if not name_vi.strip():
        raise ValidationError({"name_vi": _("Enter the Vietnamese name.")})
    unit.name_vi, unit.name_en = name_vi.strip(), name_en.strip()
    unit.full_clean()
    unit.save(update_fields=["name_vi", "name_en", "updated_at"])
    return unit


def _parent_or_self(unit: OrgUnit) -> OrgUnit | None:
    return unit.parent if unit.parent_id else None


@transaction.atomic
def reorganize_merge(*, actor, predecessors: list[OrgUnit], effective_on: datetime.date,
                     successor: OrgUnit | None = None, new_unit: dict | None = None,
                     legal_basis: str = "") -> OrgUnit:
    """Merge ``predecessors`` into an existing ``successor`` or into a unit created from
    ``new_unit`` (code, name_vi, name_en, kind, parent) from ``effective_on``. The actor must
    administer the parents of every unit involved."""
    if (successor is None) == (new_unit is None):
        raise ValidationError(_("Choose the unit they merge into, or name a new one — not both."))
    for unit in predecessors:
        _require_admin_over(actor, _parent_or_self(unit))
    if successor is not None:
        _require_admin_over(actor, _parent_or_self(successor))
        if not successor.is_valid_on(effective_on):
            raise ValidationError(_("%(unit)s does not exist on %(date)s.")
                                  % {"unit": successor.display_name, "date": effective_on.isoformat()})
    else:
        successor = add_unit(actor=actor, valid_from=effective_on, **new_unit)
    record_merger(predecessors=predecessors, successor=successor, effective_on=effective_on,
                  legal_basis=legal_basis)
    return successor


@transaction.atomic
def reorganize_split(*, actor, predecessor: OrgUnit, new_units: list[dict], effective_on: datetime.date,
                     legal_basis: str = "") -> list[OrgUnit]:
    """Split ``predecessor`` into new units (dicts of code, name_vi, name_en) of the same kind,
    under the same parent, from ``effective_on``."""
    parent = _parent_or_self(predecessor)
    _require_admin_over(actor, parent)
    successors = [add_unit(actor=actor, parent=parent, kind=predecessor.kind, valid_from=effective_on, **spec)
                  for spec in new_units]
    record_split(predecessor=predecessor, successors=successors, effective_on=effective_on,
                 legal_basis=legal_basis)
    return successors
