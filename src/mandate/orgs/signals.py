"""Signals of the org tree, for apps that keep figures by unit (targets' rollups) without
the tree importing them."""

from django.dispatch import Signal

# Sent inside the merger's transaction with ``pairs``: the (unit, successor) rows just added
# to ``OrgUnitAlias``, i.e. the units whose figures now also count under the successor.
units_merged = Signal()
