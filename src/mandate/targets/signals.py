"""Receivers that keep the maintained rollups current when something outside the target
services changes what they count (connected in ``TargetsConfig.ready``)."""

from mandate.orgs.signals import units_merged

from . import maintenance
from .models import ReportedValue


def _merged(sender, pairs, **kwargs):
    maintenance.units_merged(pairs)


def _deleted(sender, instance: ReportedValue, **kwargs):
    maintenance.value_changed(instance, before=(instance.state, instance.decided_at), deleted=True)


def connect():
    from django.db.models.signals import post_delete

    units_merged.connect(_merged, dispatch_uid="targets.units_merged")
    post_delete.connect(_deleted, sender=ReportedValue, dispatch_uid="targets.value_deleted")
