"""Invalidate the cached public pages when something that may be public changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from mandate.elections.models import AreaResult, Candidate, Constituency, TurnoutReport
from mandate.targets.models import ReportedValue, Target

from .cache import bump
from .models import Publication


@receiver(post_save, sender=Publication)
@receiver(post_delete, sender=Publication)
def publication_changed(sender, **kwargs):
    bump()


@receiver(post_save, sender=ReportedValue)
@receiver(post_save, sender=TurnoutReport)
@receiver(post_save, sender=AreaResult)
def figure_changed(sender, instance, created=False, **kwargs):
    # A figure matters to the public when it is (or stops being) approved.
    if instance.state == "approved" or not created:
        bump()


@receiver(post_save, sender=Target)
@receiver(post_save, sender=Candidate)
@receiver(post_save, sender=Constituency)
def published_object_changed(sender, **kwargs):
    bump()
