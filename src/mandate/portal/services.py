"""Choosing what is public. Administrators publish (and withdraw) a document's targets, an
election's constituencies and candidates, its turnout, and each constituency's results."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.accounts.access import membership_of, require_role_on
from mandate.accounts.models import Role
from mandate.elections.models import Constituency, Election
from mandate.elections.queries import constituency_counts

from .models import Publication, PublicationKind


def _require_admin_for_document(actor, document) -> None:
    if actor is None:
        return
    if document.issuing_unit_id:
        require_role_on(actor, document.issuing_unit, Role.ADMINISTRATOR)
        return
    membership = membership_of(actor)
    if not (actor.is_superuser or (membership and membership.has_role(Role.ADMINISTRATOR)
                                   and membership.org_unit.depth == 0)):
        raise PermissionDenied(_("Only an administrator of the province publishes documents of other issuers."))


def _set(kind: str, *, actor, public: bool, published_at=None, **obj) -> Publication:
    publication = Publication.objects.select_for_update().filter(kind=kind, **obj).first()
    now = published_at or timezone.now()
    if publication is None:
        publication = Publication(kind=kind, is_public=public, published_at=now, published_by=actor, **obj)
    else:
        if publication.is_public == public:
            return publication
        publication.is_public = public
        publication.version += 1
        if public:
            publication.published_at = now
            publication.published_by = actor
    publication.full_clean()
    publication.save()
    return publication


@transaction.atomic
def publish_targets(*, actor, document, public: bool = True, published_at=None) -> Publication:
    _require_admin_for_document(actor, document)
    if public and not document.targets.exists():
        raise ValidationError(_("%(number)s sets no targets: there is nothing to publish.")
                              % {"number": document.number})
    return _set(PublicationKind.TARGETS, actor=actor, public=public, published_at=published_at, document=document)


@transaction.atomic
def publish_election(*, actor, election: Election, kind: str, public: bool = True, published_at=None) -> Publication:
    """Publish (or withdraw) an election's constituencies and candidates, or its approved turnout."""
    if actor is not None:
        require_role_on(actor, election.organizer, Role.ADMINISTRATOR)
    if kind not in (PublicationKind.CANDIDATES, PublicationKind.TURNOUT):
        raise ValidationError(_("Unknown publication."))
    if kind == PublicationKind.TURNOUT and public and not Publication.objects.filter(
            kind=PublicationKind.CANDIDATES, election=election, is_public=True).exists():
        raise ValidationError(_("Publish the constituencies and candidates first."))
    return _set(kind, actor=actor, public=public, published_at=published_at, election=election)


@transaction.atomic
def publish_results(*, actor, constituency: Constituency, public: bool = True, published_at=None) -> Publication:
    """Publish a constituency's results: only when every voting area's result is approved."""
    constituency = Constituency.objects.select_related("body__election__organizer").get(pk=constituency.pk)
    election = constituency.body.election
    if actor is not None:
        require_role_on(actor, election.organizer, Role.ADMINISTRATOR)
    if public:
        if not Publication.objects.filter(kind=PublicationKind.CANDIDATES, election=election, is_public=True).exists():
            raise ValidationError(_("Publish the constituencies and candidates first."))
        count = constituency_counts(Constituency.objects.filter(pk=constituency.pk))[0]
        if not count.complete:
            raise ValidationError(_(
                "%(name)s: %(counted)s of %(areas)s voting areas have an approved result; publish the results "
                "when all are approved.") % {"name": constituency.name, "counted": count.counted, "areas": count.areas})
    return _set(PublicationKind.RESULTS, actor=actor, public=public, published_at=published_at,
                election=election, constituency=constituency)


def can_publish_election(user, election: Election) -> bool:
    from mandate.accounts.access import has_role_on

    return has_role_on(user, election.organizer, Role.ADMINISTRATOR)


def election_publications(election: Election) -> dict:
    rows = Publication.objects.filter(election=election)
    return {
        "candidates": next((p for p in rows if p.kind == PublicationKind.CANDIDATES), None),
        "turnout": next((p for p in rows if p.kind == PublicationKind.TURNOUT), None),
        "results": {p.constituency_id: p for p in rows if p.kind == PublicationKind.RESULTS},
    }
