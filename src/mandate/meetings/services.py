"""Writes to meetings and conferences. Views and the API call these; each checks the actor,
validates, writes in one transaction and leaves history (simple-history on every model).

Who may do what:
- the body's clerk (a member with ``is_clerk``) schedules meetings, builds the agenda,
  uploads draft versions, records comments said at the meeting, conclusions and the notice;
  assigning a conclusion's tasks goes through ``tasks.services.assign_task``, so the clerk
  must also be an approver on the body's unit (the tasks rule);
- a body member writes comments on the items they see;
- a conference's organizer (approver) creates it and sends reminders; a unit's reporter
  submits its programme.
``actor=None`` is the system (the demo loader).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.accounts.access import can_see_unit, require_role_on
from mandate.accounts.models import Notification, Role
from mandate.core.exceptions import ConflictError
from mandate.core.services import bump_version, check_version
from mandate.core.uploads import validate_upload
from mandate.documents.models import DirectiveDocument, DocumentKind, RelationKind
from mandate.documents.services import create_document, parse_or_error, relate_documents, update_document
from mandate.orgs.models import OrgUnit
from mandate.tasks import services as task_services

from .drafts import docx_text
from .models import (
    CONFIDENTIAL_KINDS,
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    Comment,
    CommentKind,
    Conclusion,
    ConclusionTask,
    Conference,
    ConnectionPoint,
    DraftVersion,
    ItemKind,
    Meeting,
    Outcome,
    Proposal,
    ProposalState,
    Submission,
)
from .notice import build_notice
from .queries import can_see_item

DRAFT_KINDS = ("docx", "pdf")
PROGRAMME_KINDS = ("docx", "pdf")
DRAFT_MAX_BYTES = getattr(settings, "MEETING_DRAFT_MAX_BYTES", 10 * 1024 * 1024)


def today() -> datetime.date:
    return timezone.localdate()


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


# --- Permissions ------------------------------------------------------------------------------

def require_clerk(actor, body: Body) -> None:
    if actor is None or getattr(actor, "is_superuser", False):
        return
    if not BodyMember.objects.filter(body=body, user=actor, is_clerk=True).exists():
        raise PermissionDenied(_("Only the clerk of %(body)s may do this.") % {"body": body.unit.display_name})


def require_member(actor, body: Body) -> BodyMember | None:
    if actor is None or getattr(actor, "is_superuser", False):
        return BodyMember.objects.filter(body=body, user=actor).first() if actor else None
    seat = BodyMember.objects.filter(body=body, user=actor).first()
    if seat is None:
        raise PermissionDenied(_("Only the members of %(body)s may comment.") % {"body": body.unit.display_name})
    return seat


# --- Notifications (only to those who may see the item) ----------------------------------------

def _notify_item(item: AgendaItem, subject: str, body: str, *, exclude=None) -> int:
    """Notify the body's members and the users of the body's unit who may see ``item``:
    each candidate is checked with the one visibility rule (``queries.can_see_item``)."""
    unit = item.meeting.body.unit
    candidates = get_user_model().objects.filter(
        Q(body_seats__body=item.meeting.body_id) | Q(membership__org_unit__path__startswith=unit.path),
        is_active=True).distinct()
    notes = [Notification(user=u, subject=subject[:300], body=body, url=item.get_absolute_url())
             for u in candidates if u != exclude and can_see_item(u, item)]
    Notification.objects.bulk_create(notes)
    return len(notes)


# --- Bodies -----------------------------------------------------------------------------------

@transaction.atomic
def create_body(*, actor, unit: OrgUnit, term: str, quorum_percent: int = 67, is_demo: bool = False) -> Body:
    if actor is not None:
        require_role_on(actor, unit, Role.APPROVER)
    if Body.objects.filter(unit=unit).exists():
        raise ValidationError({"unit": _("%(unit)s is already set up as a body.") % {"unit": unit.display_name}})
    if not 1 <= int(quorum_percent) <= 100:
        raise ValidationError({"quorum_percent": _("The quorum is a share from 1 to 100%.")})
    body = Body(unit=unit, term=(term or "").strip(), quorum_percent=quorum_percent, is_demo=is_demo)
    if not body.term:
        raise ValidationError({"term": _("Enter the body's current term, e.g. 2020-2025.")})
    body.save()
    return body


@transaction.atomic
def add_member(*, actor, body: Body, user, position: str, is_voting: bool = True, is_clerk: bool = False,
               sort_order: int | None = None) -> BodyMember:
    if actor is not None and not getattr(actor, "is_superuser", False):
        if not BodyMember.objects.filter(body=body, user=actor, is_clerk=True).exists():
            require_role_on(actor, body.unit, Role.APPROVER)
    if not (position or "").strip():
        raise ValidationError({"position": _("Enter the member's position, e.g. Secretary of the Provincial "
                                             "Party Committee.")})
    if BodyMember.objects.filter(body=body, user=user).exists():
        raise ValidationError({"user": _("This person is already a member of the body.")})
    if sort_order is None:
        sort_order = (body.members.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    return BodyMember.objects.create(body=body, user=user, position=position.strip(), is_voting=is_voting,
                                     is_clerk=is_clerk, sort_order=sort_order)


def quorum(meeting: Meeting, rows=None) -> dict:
    """Voting members, those present, the number required by the body's quorum share."""
    rows = rows if rows is not None else [*meeting.attendance.select_related("member")]
    voting = BodyMember.objects.filter(body=meeting.body_id, is_voting=True).count()
    present = sum(1 for a in rows if a.present and a.member.is_voting)
    required = -(-voting * meeting.body.quorum_percent // 100)  # ceiling
    return {"voting": voting, "present": present, "required": required, "reached": voting > 0 and present >= required}


# --- Meetings -----------------------------------------------------------------------------------

def _validate_meeting(meeting: Meeting) -> None:
    errors = {}
    if not meeting.number or meeting.number < 1:
        errors["number"] = _("Enter the meeting's number in the term (1, 2, 3...).")
    if meeting.held_on is None:
        errors["held_on"] = _("Enter the date of the meeting.")
    if not (meeting.place or "").strip():
        errors["place"] = _("Enter where the meeting is held.")
    if meeting.chair_id and meeting.chair.body_id != meeting.body_id:
        errors["chair"] = _("The chair must be a member of the body.")
    if "number" not in errors and Meeting.objects.filter(body=meeting.body_id, term=meeting.term,
                                                         number=meeting.number).exclude(pk=meeting.pk).exists():
        errors["number"] = _("Meeting %(number)s of the term %(term)s is already scheduled.") % {
            "number": meeting.number, "term": meeting.term}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def schedule_meeting(*, actor, body: Body, number: int, held_on: datetime.date, place: str, chair=None,
                     term: str = "", guests: str = "", invited=None, is_demo: bool = False) -> Meeting:
    require_clerk(actor, body)
    meeting = Meeting(body=body, term=(term or body.term).strip(), number=number, held_on=held_on,
                      place=(place or "").strip(), chair=chair, guests=(guests or "").strip(), is_demo=is_demo)
    _validate_meeting(meeting)
    meeting.save()
    members = [*body.members.all()]
    invited_ids = {m.pk for m in invited} if invited else {m.pk for m in members}  # none chosen: everyone
    Attendance.objects.bulk_create([Attendance(meeting=meeting, member=m, invited=m.pk in invited_ids)
                                    for m in members])
    # Items waiting for "the next meeting" of this body go on its agenda as proposals.
    Proposal.objects.filter(body=body, state=ProposalState.PROPOSED, meeting__isnull=True).update(meeting=meeting)
    return meeting


MEETING_FIELDS = {"number", "held_on", "place", "chair", "guests", "term"}


@transaction.atomic
def update_meeting(meeting: Meeting, *, actor, expected_version: int | None, invited=None, present=None,
                   **fields) -> Meeting:
    """Change a meeting (number in the term, date, place, chair, guests, term) and, when given,
    who was invited and who was present, in one write checked against ``expected_version``.
    An empty term is the body's current term."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("body__unit").get(pk=meeting.pk)
    require_clerk(actor, meeting.body)
    check_version(meeting, expected_version)
    unknown = set(fields) - MEETING_FIELDS
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(unknown)})
    for name, value in fields.items():
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    if "term" in fields and not meeting.term:
        meeting.term = meeting.body.term
    _validate_meeting(meeting)
    if invited is not None or present is not None:
        _set_attendance(meeting, present=present, invited=invited)
    bump_version(meeting)
    meeting.save()
    return meeting


def _set_attendance(meeting: Meeting, *, present=None, invited=None) -> None:
    """Who was invited and who was present (``None``: unchanged); a member present was
    invited. A member who joined the body after the meeting was scheduled gets a row when
    invited or present. Only rows that change are saved (each keeps its history)."""
    members = {m.pk for m in BodyMember.objects.filter(body=meeting.body_id)}
    errors = {}
    for name, chosen in (("present", present), ("invited", invited)):
        if chosen is not None and any(m.pk not in members for m in chosen):
            errors[name] = _("Choose members of %(body)s.") % {"body": meeting.body.unit.display_name}
    if errors:
        raise ValidationError(errors)
    present_ids = None if present is None else {m.pk for m in present}
    invited_ids = None if invited is None else {m.pk for m in invited}
    rows = {a.member_id: a for a in meeting.attendance.all()}
    for member_id in sorted(members):
        row = rows.get(member_id) or Attendance(meeting=meeting, member_id=member_id, invited=False, present=False)
        is_present = row.present if present_ids is None else member_id in present_ids
        is_invited = (row.invited if invited_ids is None else member_id in invited_ids) or is_present
        if row.pk is None and not (is_present or is_invited):
            continue
        if row.pk is None or (row.present, row.invited) != (is_present, is_invited):
            row.present, row.invited = is_present, is_invited
            row.save()


@transaction.atomic
def record_attendance(meeting: Meeting, *, actor, expected_version: int | None, present, invited=None) -> Meeting:
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("body__unit").get(pk=meeting.pk)
    require_clerk(actor, meeting.body)
    check_version(meeting, expected_version)
    _set_attendance(meeting, present=present, invited=invited)
    bump_version(meeting)
    meeting.save()
    return meeting


# --- Agenda -------------------------------------------------------------------------------------

def _check_upload(file) -> bytes:
    """A draft or programme: .docx or .pdf, within the size limit, really that kind of file."""
    try:
        checked = validate_upload(file, kinds=DRAFT_KINDS, max_bytes=DRAFT_MAX_BYTES)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    return checked.data


@transaction.atomic
def add_item(*, actor, meeting: Meeting, title: str, kind: str, presenting_unit: OrgUnit | None = None,
             proposed_issuer: OrgUnit | None = None, related_documents=(), summary: str = "", file=None,
             order: int | None = None, is_demo: bool = False) -> AgendaItem:
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("body__unit").get(pk=meeting.pk)
    require_clerk(actor, meeting.body)
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Say what the item is about.")
    if kind not in ItemKind.values:
        errors["kind"] = _("Choose the kind of item.")
    if errors:
        raise ValidationError(errors)
    if order is None:
        order = (meeting.items.aggregate(m=Max("order"))["m"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting, order=order, title=title.strip(), kind=kind, confidential=kind in CONFIDENTIAL_KINDS,
        presenting_unit=presenting_unit, proposed_issuer=proposed_issuer, summary=(summary or "").strip(),
        is_demo=is_demo)
    if related_documents:
        item.related_documents.set(list(related_documents))
    if file is not None:
        upload_version(actor=actor, item=item, file=file)
    return item


ITEM_FIELDS = {"title", "kind", "presenting_unit", "proposed_issuer", "summary", "order"}


@transaction.atomic
def update_item(item: AgendaItem, *, actor, expected_version: int | None, related_documents=None,
                **fields) -> AgendaItem:
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting__body").get(pk=item.pk)
    require_clerk(actor, item.meeting.body)
    check_version(item, expected_version)
    unknown = set(fields) - ITEM_FIELDS
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(unknown)})
    for name, value in fields.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    if not item.title:
        raise ValidationError({"title": _("Say what the item is about.")})
    if item.kind not in ItemKind.values:
        raise ValidationError({"kind": _("Choose the kind of item.")})
    item.confidential = item.kind in CONFIDENTIAL_KINDS
    bump_version(item)
    item.save()
    if related_documents is not None:
        item.related_documents.set(list(related_documents))
    return item


@transaction.atomic
def move_item(item: AgendaItem, *, actor, expected_version: int | None, direction: str) -> AgendaItem:
    """Move an item one place up or down its meeting's agenda. The agenda is then numbered
    1, 2, 3... in its order; every item whose number changes is saved (its history keeps
    the old number) and gets a new version. One reorder of a meeting at a time."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Move the item up or down."))
    meeting_id = AgendaItem.objects.filter(pk=item.pk).values_list("meeting_id", flat=True).get()
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("body__unit").get(pk=meeting_id)
    require_clerk(actor, meeting.body)
    items = [*AgendaItem.objects.select_for_update().filter(meeting=meeting).order_by("order", "pk")]
    index = next(i for i, row in enumerate(items) if row.pk == item.pk)
    check_version(items[index], expected_version)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(items):
        message = (_("“%(title)s” is already first on the agenda.") if direction == "up"
                   else _("“%(title)s” is already last on the agenda."))
        raise ValidationError(message % {"title": items[index].title}, code="edge")
    moved = items[index]
    items[index], items[target] = items[target], items[index]
    for number, row in enumerate(items, start=1):
        if row.order != number:
            row.order = number
            bump_version(row)
            row.save(update_fields=["order", "version", "updated_at"])
    return moved


@transaction.atomic
def upload_version(*, actor, item: AgendaItem, file, note: str = "") -> DraftVersion:
    """A new version of the item's draft; the earlier ones stay."""
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting__body__unit").get(pk=item.pk)
    require_clerk(actor, item.meeting.body)
    data = _check_upload(file)
    name = getattr(file, "name", "draft")
    text = docx_text(data) if name.lower().endswith(".docx") else ""
    number = (item.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    version = DraftVersion(item=item, number=number, original_name=name[:255], size=len(data), text=text,
                           note=(note or "").strip()[:500], uploaded_by=actor)
    version.file.save(name, ContentFile(data), save=False)
    version.save()
    if actor is not None:  # the system (demo loader, imports) does not announce old drafts
        _notify_item(item, _("New draft for the meeting: %(title)s") % {"title": item.title},
                     _("Version %(number)s of the draft was uploaded.") % {"number": number}, exclude=actor)
    return version


@transaction.atomic
def add_comment(*, actor, item: AgendaItem, text: str, version: DraftVersion | None = None,
                member: BodyMember | None = None) -> Comment:
    """A member's written comment on a version (``member`` omitted), or a comment a member
    made at the meeting, recorded by the clerk (``member`` given)."""
    item = AgendaItem.objects.select_related("meeting__body__unit").get(pk=item.pk)
    body = item.meeting.body
    if member is not None:
        require_clerk(actor, body)
        if member.body_id != body.pk:
            raise ValidationError({"member": _("This person is not a member of the body.")})
        kind = CommentKind.AT_MEETING
    else:
        member = require_member(actor, body)
        kind = CommentKind.WRITTEN
    if actor is not None and not can_see_item(actor, item):
        raise PermissionDenied(_("You cannot see this item."))
    if version is not None and version.item_id != item.pk:
        raise ValidationError({"version": _("This version belongs to another item.")})
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the comment.")})
    if version is None and kind == CommentKind.WRITTEN:
        version = item.versions.order_by("-number").first()
    return Comment.objects.create(item=item, version=version, member=member, kind=kind, text=text.strip(),
                                  recorded_by=actor)


# --- Conclusions ---------------------------------------------------------------------------------

def _next_meeting(body: Body, after: datetime.date) -> Meeting | None:
    return Meeting.objects.filter(body=body, held_on__gt=after).order_by("held_on", "pk").first()


def _validate_conclusion(c: Conclusion, meeting: Meeting) -> None:
    errors = {}
    if c.outcome not in Outcome.values:
        errors["outcome"] = _("Choose the outcome.")
    if not (c.text or "").strip():
        errors["text"] = _("Write the chair's conclusion.")
    if c.outcome == Outcome.CHANGE_ISSUER and c.new_issuer_id is None:
        errors["new_issuer"] = _("Say which body issues the document instead.")
    if c.outcome == Outcome.RESUBMIT:
        if c.resubmit_by is None and not c.resubmit_next_meeting:
            errors["resubmit_by"] = _("Give the date to resubmit by, or choose the next meeting.")
        elif c.resubmit_by is not None and c.resubmit_by < meeting.held_on:
            errors["resubmit_by"] = _("The deadline (%(day)s) is before the meeting (%(meeting)s).") % {
                "day": _d(c.resubmit_by), "meeting": _d(meeting.held_on)}
    if errors:
        raise ValidationError(errors)


def _open_proposal(conclusion: Conclusion, meeting: Meeting) -> None:
    body = conclusion.resubmit_to or meeting.body
    proposal = Proposal.objects.filter(source_item=conclusion.item, state=ProposalState.PROPOSED).first()
    target = _next_meeting(body, meeting.held_on)
    if proposal is None:
        Proposal.objects.create(body=body, source_item=conclusion.item, meeting=target, due_by=conclusion.resubmit_by)
    else:
        proposal.body, proposal.meeting, proposal.due_by = body, target, conclusion.resubmit_by
        bump_version(proposal)
        proposal.save()


@transaction.atomic
def record_conclusion(*, actor, meeting: Meeting, item: AgendaItem, outcome: str, text: str,
                      expected_version: int | None = None, new_issuer: OrgUnit | None = None,
                      resubmit_to: Body | None = None, resubmit_by: datetime.date | None = None,
                      resubmit_next_meeting: bool = False) -> Conclusion:
    """Record (or correct) the chair's conclusion on ``item`` of ``meeting``. A correction
    carries the version it was based on; a stale one is refused."""
    meeting = Meeting.objects.select_related("body__unit").get(pk=meeting.pk)
    require_clerk(actor, meeting.body)
    item = AgendaItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
    if item.meeting_id != meeting.pk:
        other = Meeting.objects.select_related("body__unit").get(pk=item.meeting_id)
        raise ValidationError(
            _("The item “%(item)s” is on the agenda of another meeting (%(other)s), not of this one.")
            % {"item": item.title, "other": str(other)}, code="other_meeting")
    conclusion = Conclusion.objects.select_for_update(of=("self",)).filter(item=item).first()
    if conclusion is None:
        conclusion = Conclusion(item=item, recorded_by=actor)
    else:
        if expected_version is None and actor is not None:
            # Both clerks opened an item without a conclusion; the first one saved.
            raise ConflictError(_("Someone else recorded a conclusion on this item while you were writing yours. "
                                  "Reload the page to see it; nothing of theirs was overwritten."), code="conflict")
        check_version(conclusion, expected_version)
        bump_version(conclusion)
    conclusion.outcome, conclusion.text = outcome, (text or "").strip()
    conclusion.new_issuer = new_issuer if outcome == Outcome.CHANGE_ISSUER else None
    is_resubmit = outcome == Outcome.RESUBMIT
    conclusion.resubmit_to = (resubmit_to or meeting.body) if is_resubmit else None
    conclusion.resubmit_by = resubmit_by if is_resubmit else None
    conclusion.resubmit_next_meeting = bool(resubmit_next_meeting) if is_resubmit else False
    _validate_conclusion(conclusion, meeting)
    conclusion.save()
    if is_resubmit:
        _open_proposal(conclusion, meeting)
    else:
        Proposal.objects.filter(source_item=item, state=ProposalState.PROPOSED).delete()
    return conclusion


@transaction.atomic
def assign_from_conclusion(*, actor, conclusion: Conclusion, title: str, lead_unit: OrgUnit,
                           deadline: datetime.date, coordinating_units=(), description: str = "",
                           is_demo: bool = False):
    """A task the conclusion assigns, in one step: the conclusion is its source and it is
    tracked like every task (``tasks.services.assign_task``)."""
    conclusion = Conclusion.objects.select_related("item__meeting__body__unit", "item__meeting__notice").get(
        pk=conclusion.pk)
    meeting = conclusion.item.meeting
    require_clerk(actor, meeting.body)
    if deadline is not None and deadline < meeting.held_on:
        raise ValidationError({"deadline": _("The deadline (%(day)s) is before the meeting (%(meeting)s).") % {
            "day": _d(deadline), "meeting": _d(meeting.held_on)}})
    item = conclusion.item
    # A confidential item's title stays out of the task's source, which more people see.
    subject = _("confidential item") if item.confidential else item.title
    note = _("Conclusion of %(meeting)s, item %(order)s: %(subject)s") % {
        "meeting": str(meeting), "order": item.order, "subject": subject}
    task = task_services.assign_task(
        actor=actor, title=title, lead_unit=lead_unit, deadline=deadline, assigning_unit=meeting.body.unit,
        description=description, coordinating_units=coordinating_units, source_document=meeting.notice,
        source_note=note[:500], assigned_on=meeting.held_on,  # the conclusion assigns it at the meeting
        is_demo=is_demo)
    ConclusionTask.objects.create(conclusion=conclusion, task=task)
    return task


@transaction.atomic
def accept_proposal(proposal: Proposal, *, actor, expected_version: int | None,
                    meeting: Meeting | None = None) -> AgendaItem:
    """The clerk puts a resubmitted item on the agenda of the proposed (or another) meeting."""
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("body", "source_item__conclusion").get(
        pk=proposal.pk)
    require_clerk(actor, proposal.body)
    check_version(proposal, expected_version)
    meeting = meeting or proposal.meeting
    if meeting is None:
        raise ValidationError({"meeting": _("Schedule the next meeting first, or choose one.")})
    if meeting.body_id != proposal.body_id:
        raise ValidationError({"meeting": _("Choose a meeting of %(body)s.") % {"body": proposal.body}})
    if proposal.state != ProposalState.PROPOSED:
        raise ValidationError(_("This proposal was already accepted."), code="conflict")
    source = proposal.source_item
    conclusion = getattr(source, "conclusion", None)
    # A change of issuer carries over: the revised draft goes to the new issuer.
    issuer = conclusion.new_issuer if conclusion and conclusion.new_issuer_id else source.proposed_issuer
    item = add_item(actor=actor, meeting=meeting, title=source.title, kind=source.kind,
                    presenting_unit=source.presenting_unit, proposed_issuer=issuer,
                    related_documents=source.related_documents.all(), summary=source.summary,
                    is_demo=source.is_demo)
    item.resubmission_of = source
    item.times_resubmitted = source.times_resubmitted + 1
    item.save()
    latest = source.versions.order_by("-number").first()
    if latest is not None:  # the revised draft starts from the last one considered
        DraftVersion.objects.create(item=item, number=1, file=latest.file.name, original_name=latest.original_name,
                                    size=latest.size, text=latest.text, uploaded_by=actor,
                                    note=_("Draft considered at the earlier meeting"))
    proposal.state, proposal.meeting, proposal.accepted_item = ProposalState.ACCEPTED, meeting, item
    bump_version(proposal)
    proposal.save()
    return item


@transaction.atomic
def move_proposal(proposal: Proposal, *, actor, expected_version: int | None, meeting: Meeting) -> Proposal:
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("body").get(pk=proposal.pk)
    require_clerk(actor, proposal.body)
    check_version(proposal, expected_version)
    if meeting.body_id != proposal.body_id:
        raise ValidationError({"meeting": _("Choose a meeting of %(body)s.") % {"body": proposal.body}})
    proposal.meeting = meeting
    bump_version(proposal)
    proposal.save()
    return proposal


@transaction.atomic
def record_issued_document(item: AgendaItem, *, actor, expected_version: int | None,
                           document: DirectiveDocument) -> AgendaItem:
    """The clerk records the document issued from an approved draft (number, date)."""
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting__body").get(pk=item.pk)
    require_clerk(actor, item.meeting.body)
    check_version(item, expected_version)
    if document.issued_on and document.issued_on < item.meeting.held_on:
        raise ValidationError({"document": _("%(number)s was issued before the meeting (%(day)s).") % {
            "number": document.number, "day": _d(item.meeting.held_on)}})
    item.issued_document = document
    bump_version(item)
    item.save()
    return item


# --- The conclusion notice ----------------------------------------------------------------------

def next_notice_number(body: Body, year: int) -> str:
    last = DirectiveDocument.objects.filter(issuer_code=body_issuer_code(body), kind_code="TB", year=year,
                                            issuing_unit=body.unit).aggregate(m=Max("sequence"))["m"] or 0
    return f"{last + 1}-TB/{body_issuer_code(body)}"


def body_issuer_code(body: Body) -> str:
    """The issuer code printed after the slash: the code of the body's earlier documents
    (e.g. TU for the Standing Committee of the Provincial Party Committee), TU if none."""
    code = (DirectiveDocument.objects.filter(issuing_unit=body.unit).exclude(issuer_code="")
            .order_by("-issued_on", "-pk").values_list("issuer_code", flat=True).first())
    return code or "TU"


@transaction.atomic
def issue_notice(meeting: Meeting, *, actor, expected_version: int | None, number: str = "",
                 issued_on: datetime.date | None = None, recipients: str = "", include_confidential: bool = False):
    """Number the notice (next in sequence for the issuer and year unless given), record it as
    a directive document of kind notice, and store the Word file."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("body__unit__parent", "chair").get(pk=meeting.pk)
    require_clerk(actor, meeting.body)
    check_version(meeting, expected_version)
    if meeting.notice_id:
        raise ValidationError(_("The notice of this meeting was already issued as %(number)s.")
                              % {"number": meeting.notice.number}, code="issued")
    issued_on = issued_on or meeting.held_on
    if issued_on < meeting.held_on:
        raise ValidationError({"issued_on": _("The notice cannot be dated before the meeting (%(day)s).") % {
            "day": _d(meeting.held_on)}})
    body = meeting.body
    number = (number or "").strip() or next_notice_number(body, issued_on.year)
    parsed = parse_or_error(number)
    if parsed.kind_code != "TB":
        raise ValidationError({"number": _("A notice number has the kind code TB, e.g. 123-TB/TU.")})
    clash = DirectiveDocument.objects.filter(issuer_code=parsed.issuer_code, kind_code="TB",
                                             sequence=parsed.sequence, year=issued_on.year, issuing_unit=body.unit)
    if clash.exists():
        raise ValidationError({"number": _("Notice number %(number)s is already used in %(year)s (%(title)s); "
                                           "the next free number is %(next)s.") % {
            "number": parsed.printed, "year": issued_on.year, "title": clash.first().title,
            "next": next_notice_number(body, issued_on.year)}}, code="duplicate")
    recipient_list = _recipient_lines(recipients, body)
    data, searchable, confidential = _notice_content(meeting, number=parsed.printed, day=issued_on,
                                                     include_confidential=include_confidential,
                                                     recipients=recipient_list)
    document = create_document(number=parsed.printed, kind=DocumentKind.NOTICE, issuing_unit=body.unit,
                               issued_on=issued_on, year=issued_on.year,
                               title=f"Thông báo kết luận {_meeting_title(meeting)} của {body.unit.name_vi}",
                               summary=searchable)
    meeting.notice = document
    meeting.notice_confidential = confidential
    meeting.notice_recipients = "\n".join(recipient_list)
    meeting.notice_file.save(f"{parsed.printed.replace('/', '-')}.docx", ContentFile(data), save=False)
    bump_version(meeting)
    meeting.save()
    _source_tasks_on_notice(meeting, document)
    return document


@transaction.atomic
def reissue_notice(meeting: Meeting, *, actor, expected_version: int | None,
                   corrected_on: datetime.date | None = None, recipients: str = "",
                   include_confidential: bool | None = None):
    """Re-issue the notice after a conclusion changed: the Word file is built again from the
    conclusions as they stand, under the same number and date, with a line saying when it was
    corrected. The recorded notice document stays (its searchable summary follows); the
    meeting's history keeps the correction date and the earlier file."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related(
        "body__unit__parent", "chair", "notice").get(pk=meeting.pk)
    require_clerk(actor, meeting.body)
    check_version(meeting, expected_version)
    document = meeting.notice
    if document is None:
        raise ValidationError(_("Issue the notice first; there is nothing to correct yet."), code="not_issued")
    corrected_on = corrected_on or today()
    issued_on = document.issued_on or meeting.held_on
    if corrected_on < issued_on:
        raise ValidationError({"corrected_on": _("The correction cannot be dated before the notice (%(day)s).") % {
            "day": _d(issued_on)}})
    recipient_list = _recipient_lines(recipients or meeting.notice_recipients, meeting.body)
    if include_confidential is None:
        include_confidential = meeting.notice_confidential
    data, searchable, confidential = _notice_content(meeting, number=document.number, day=issued_on,
                                                     include_confidential=include_confidential,
                                                     recipients=recipient_list, corrected_on=corrected_on)
    meeting.notice_confidential = confidential
    meeting.notice_recipients = "\n".join(recipient_list)
    meeting.notice_corrected_on = corrected_on
    meeting.notice_file.save(f"{document.number.replace('/', '-')}.docx", ContentFile(data), save=False)
    meeting._change_reason = (_("Notice %(number)s corrected on %(day)s") % {
        "number": document.number, "day": _d(corrected_on)})[:100]
    bump_version(meeting)
    meeting.save()
    if document.summary != searchable:
        update_document(document, summary=searchable)
    _source_tasks_on_notice(meeting, document)
    return document


def _meeting_title(meeting: Meeting) -> str:
    return f"phiên họp thứ {meeting.number}"


def _recipient_lines(recipients: str, body: Body) -> list[str]:
    """The recipients printed on the notice: one per line, or the body's members and the
    drafting bodies when none is given."""
    return [r.strip() for r in (recipients or "").splitlines() if r.strip()] or [
        "Các đồng chí Ủy viên " + body.unit.name_vi, "Các cơ quan soạn thảo"]


def _notice_content(meeting: Meeting, *, number: str, day: datetime.date, include_confidential: bool,
                    recipients: list[str], corrected_on: datetime.date | None = None) -> tuple[bytes, str, bool]:
    """The notice's Word file from the conclusions as they stand, its searchable text (never
    a confidential item's) and whether the file holds a confidential item."""
    body = meeting.body
    items = [*meeting.items.select_related("conclusion__new_issuer", "conclusion__resubmit_to__unit")
             .filter(conclusion__isnull=False).order_by("order", "pk")]
    if not include_confidential:
        items = [i for i in items if not i.confidential]
    if not items:
        raise ValidationError(_("Record the conclusions first: the notice has no item to report."))
    rows = []
    for item in items:
        c = item.conclusion
        extra = []
        if c.outcome == Outcome.CHANGE_ISSUER and c.new_issuer:
            extra.append(f"Chuyển thẩm quyền ban hành sang {c.new_issuer.name_vi}.")
        if c.outcome == Outcome.RESUBMIT:
            to = c.resubmit_to.unit.name_vi if c.resubmit_to else body.unit.name_vi
            when = "tại phiên họp gần nhất" if c.resubmit_next_meeting or not c.resubmit_by else \
                f"trước ngày {_d(c.resubmit_by)}"
            extra.append(f"Trình {to} {when}.")
        rows.append((item.title, c.outcome, c.text, extra))
    body_name = body.unit.name_vi
    data = build_notice(number=number, parent_name=(body.unit.parent.name_vi if body.unit.parent else ""),
                        body_name=body_name, place=settings_place(), day=day, meeting_day=meeting.held_on,
                        items_considered=meeting.items.count(), meeting_title=_meeting_title(meeting),
                        items=rows, signer_position=meeting.chair.position if meeting.chair else "",
                        recipients=recipients, corrected_on=corrected_on)
    searchable = "\n".join(f"{i}. {title}: {text}" for i, (title, _o, text, _e) in enumerate(
        [r for r, item in zip(rows, items, strict=True) if not item.confidential], start=1))
    return data, searchable, any(i.confidential for i in items)


def _source_tasks_on_notice(meeting: Meeting, document: DirectiveDocument) -> None:
    """Tasks of the meeting's conclusions name the notice as their source document."""
    from mandate.tasks.models import Task

    Task.objects.filter(meeting_conclusion__conclusion__item__meeting=meeting, source_document__isnull=True).update(
        source_document=document)


def settings_place() -> str:
    return getattr(settings, "MANDATE_NOTICE_PLACE", "Lạng Sơn")


# --- Conferences ---------------------------------------------------------------------------------

@transaction.atomic
def create_conference(*, actor, organizer: OrgUnit, title: str, held_on: datetime.date, main_hall: str,
                      hybrid: bool = True, main_hall_attendees: int = 0, documents=(), duty: str = "",
                      due_on: datetime.date | None = None, basis_document: DirectiveDocument | None = None,
                      points=(), is_demo: bool = False) -> Conference:
    """``points``: (unit, attendees) per connection point. With a due date, each point's unit
    gets one tracked submission (a task of the organizer to that unit)."""
    if actor is not None:
        require_role_on(actor, organizer, Role.APPROVER)
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the conference a title.")
    if held_on is None:
        errors["held_on"] = _("Enter the date of the conference.")
    if not (main_hall or "").strip():
        errors["main_hall"] = _("Enter the main hall.")
    if due_on is not None and held_on is not None and due_on < held_on:
        errors["due_on"] = _("The deadline (%(day)s) is before the conference (%(held)s).") % {
            "day": _d(due_on), "held": _d(held_on)}
    if errors:
        raise ValidationError(errors)
    conference = Conference.objects.create(
        title=title.strip(), organizer=organizer, held_on=held_on, main_hall=main_hall.strip(), hybrid=hybrid,
        main_hall_attendees=main_hall_attendees or 0, duty=(duty or "").strip(), due_on=due_on,
        basis_document=basis_document, is_demo=is_demo)
    if documents:
        conference.documents.set(list(documents))
    for unit, attendees in points:
        add_connection_point(actor=actor, conference=conference, unit=unit, attendees=attendees)
    return conference


@transaction.atomic
def add_connection_point(*, actor, conference: Conference, unit: OrgUnit, attendees: int = 0) -> ConnectionPoint:
    """A connection point, at creation or later; with a due date its unit gets its tracked
    submission (a task of the organizer to that unit), as every other point's."""
    conference = Conference.objects.select_for_update(of=("self",)).select_related(
        "organizer", "basis_document").get(pk=conference.pk)
    if actor is not None:
        require_role_on(actor, conference.organizer, Role.APPROVER)
        if not can_see_unit(actor, unit):
            raise ValidationError({"unit": _("Outside your part of the organization: %(units)s.")
                                   % {"units": unit.display_name}})
    if ConnectionPoint.objects.filter(conference=conference, unit=unit).exists():
        raise ValidationError({"unit": _("%(unit)s is already a connection point.") % {"unit": unit.display_name}})
    point = ConnectionPoint.objects.create(conference=conference, unit=unit, attendees=max(0, int(attendees or 0)))
    if conference.due_on:
        task = task_services.assign_task(
            actor=actor, title=_("Action programme or plan implementing: %(title)s") % {"title": conference.title},
            lead_unit=unit, deadline=conference.due_on, assigning_unit=conference.organizer,
            source_document=conference.basis_document, source_note=conference.title[:500],
            description=conference.duty, assigned_on=conference.held_on, is_demo=conference.is_demo)
        Submission.objects.create(conference=conference, unit=unit, due_on=conference.due_on, task=task)
    return point


@transaction.atomic
def remove_connection_point(point: ConnectionPoint, *, actor) -> None:
    """Remove a connection point added by mistake, with its unit's tracked submission and the
    task that tracks it, as long as the unit has not submitted its programme nor reported on
    or asked more time for that task. The deleted rows stay in their history."""
    conference_id = ConnectionPoint.objects.filter(pk=point.pk).values_list("conference_id", flat=True).first()
    if conference_id is None:
        raise ValidationError(_("This connection point was already removed."), code="gone")
    conference = Conference.objects.select_for_update(of=("self",)).select_related("organizer").get(pk=conference_id)
    if actor is not None:
        require_role_on(actor, conference.organizer, Role.APPROVER)
    point = ConnectionPoint.objects.select_related("unit").get(pk=point.pk)
    submission = (Submission.objects.select_for_update(of=("self",)).select_related("task", "document")
                  .filter(conference=conference, unit=point.unit_id).first())
    task = submission.task if submission is not None else None
    if submission is not None and submission.submitted_on is not None:
        raise ValidationError(_("%(unit)s already submitted %(number)s; its connection point stays.") % {
            "unit": point.unit.display_name, "number": submission.document.number if submission.document else ""},
            code="submitted")
    if task is not None and (task.reports.exists() or task.extensions.exists()):
        raise ValidationError(_("%(unit)s has already reported on its programme or asked for more time; "
                                "its connection point stays.") % {"unit": point.unit.display_name},
                              code="reported")
    if submission is not None:
        submission.delete()
    if task is not None:
        task.delete()
    point.delete()


@transaction.atomic
def submit_programme(submission: Submission, *, actor, number: str, title: str, issued_on: datetime.date,
                     file=None, expected_version: int | None = None,
                     submitted_on: datetime.date | None = None) -> Submission:
    """A unit submits its programme or plan: recorded as a directive document of kind
    programme (CTr) or plan (KH) that implements the conference's document; the tracking
    task is marked done on the day of submission."""
    submission = Submission.objects.select_for_update(of=("self",)).select_related(
        "conference__basis_document", "unit", "task").get(pk=submission.pk)
    if actor is not None:
        require_role_on(actor, submission.unit, Role.REPORTER)
        submitted_on = today()
    submitted_on = submitted_on or today()
    check_version(submission, expected_version)
    if submission.submitted_on is not None:
        raise ValidationError(_("%(unit)s already submitted %(number)s.") % {
            "unit": submission.unit.display_name, "number": submission.document.number}, code="submitted")
    errors = {}
    try:
        parsed = parse_or_error(number)
        if parsed.kind_code not in ("CTr", "KH"):
            errors["number"] = _("A programme or plan is numbered with CTr or KH, e.g. 05-CTr/ĐU or 12-KH/UBND.")
    except ValidationError as exc:
        errors.update(exc.message_dict)
        parsed = None
    if not (title or "").strip():
        errors["title"] = _("Enter the title of the programme or plan.")
    if issued_on is None:
        errors["issued_on"] = _("Enter the date the programme or plan was issued.")
    elif issued_on < submission.conference.held_on:
        errors["issued_on"] = _("The date (%(day)s) is before the conference (%(held)s).") % {
            "day": _d(issued_on), "held": _d(submission.conference.held_on)}
    data = None
    if file is not None:
        try:
            data = _check_upload(file)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    kind = DocumentKind.PROGRAMME if parsed.kind_code == "CTr" else DocumentKind.PLAN
    document = create_document(number=number, title=title.strip(), kind=kind, issuing_unit=submission.unit,
                               issued_on=issued_on, year=issued_on.year)
    if submission.conference.basis_document_id:
        relate_documents(source=document, target=submission.conference.basis_document, kind=RelationKind.IMPLEMENTS)
    submission.document, submission.submitted_on, submission.submitted_by = document, submitted_on, actor
    if data is not None:
        submission.original_name = file.name[:255]
        submission.file.save(file.name, ContentFile(data), save=False)
    bump_version(submission)
    submission.save()
    if submission.task_id and submission.task.done_at is None:
        task_services.report_progress(submission.task, actor=actor, expected_version=None, percent=100,
                                      mark_done=True, result=f"{document.number} — {document.title}",
                                      done_on=submitted_on, reported_on=submitted_on, org_unit=submission.unit)
    return submission


@transaction.atomic
def send_submission_reminders(conference: Conference, *, actor, as_of: datetime.date | None = None) -> int:
    """Remind every unit that has not submitted: an in-app notification to each of its
    users and one e-mail, as the daily task reminders do; at most once a day per unit."""
    if actor is not None:
        require_role_on(actor, conference.organizer, Role.APPROVER)
    as_of = as_of or today()
    waiting = [*conference.submissions.filter(submitted_on__isnull=True).exclude(last_reminded_on=as_of)
               .select_related("unit")]
    users = get_user_model().objects.filter(is_active=True, membership__org_unit__in=[s.unit_id for s in waiting])
    by_unit: dict[int, list] = {}
    for u in users.select_related("membership"):
        by_unit.setdefault(u.membership.org_unit_id, []).append(u)
    notes = []
    for s in waiting:
        late = as_of > s.due_on
        subject = (_("[Mandate] Overdue: the action programme for %(title)s") if late else
                   _("[Mandate] Reminder: the action programme for %(title)s")) % {"title": conference.title}
        body = _("%(unit)s has not yet submitted its action programme or plan, due on %(day)s.") % {
            "unit": s.unit.display_name, "day": _d(s.due_on)}
        recipients = by_unit.get(s.unit_id, [])
        notes += [Notification(user=u, subject=subject[:300], body=body, url=s.get_absolute_url())
                  for u in recipients]
        emails = sorted({u.email for u in recipients if u.email})
        if emails:
            EmailMessage(subject=subject, body=body, to=emails).send()
    Notification.objects.bulk_create(notes)
    Submission.objects.filter(pk__in=[s.pk for s in waiting]).update(last_reminded_on=as_of)
    return len(waiting)
