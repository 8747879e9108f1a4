"""Who sees which meeting, item and conference: the one rule every page, export, search,
API endpoint and notification of this app asks.

- A meeting is seen by the members of its body and by users whose subtree holds the body's
  unit (``accounts.access.visible_units``).
- An item of a confidential kind (personnel, inspection) is seen only by the body's members
  (the clerk is a member); everything hanging on an item (versions, comments, conclusion,
  tasks listed on the conclusion) is read through ``visible_items``.
- A conference is seen by users whose subtree holds its organizer or one of its connection
  points. Its connection points and submissions (one rule, ``rows_path_for``): the organizer's
  side (the organizer's subtree or above it) sees every point and every unit's submission; a
  participant sees the conference, the number of points and only its own subtree's points and
  submissions (as a movement's per-unit rows, ``movements.queries.rows_path_for``).
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Count, Exists, OuterRef, Q

from mandate.accounts.access import membership_of
from mandate.tasks.models import Task
from mandate.tasks.state import TaskState

from .models import (
    AgendaItem,
    Body,
    BodyMember,
    Comment,
    Conclusion,
    ConclusionTask,
    Conference,
    ConnectionPoint,
    DraftVersion,
    Meeting,
    Outcome,
    Proposal,
    Submission,
    SubmissionState,
)


def _is_super(user) -> bool:
    return bool(getattr(user, "is_superuser", False))


def _member_of_body(user, body_field: str = "pk") -> Q:
    """Q on a model reaching Body through ``body_field``: the user sits on that body."""
    seats = BodyMember.objects.filter(user=user, body=OuterRef(body_field))
    return Q(Exists(seats))


def _unit_path(user) -> str | None:
    membership = membership_of(user)
    return membership.org_unit.path if membership else None


def visible_bodies(user):
    if _is_super(user):
        return Body.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Body.objects.none()
    path = _unit_path(user)
    q = _member_of_body(user, "pk")
    if path:
        q |= Q(unit__path__startswith=path)
    return Body.objects.filter(q)


def visible_meetings(user):
    if _is_super(user):
        return Meeting.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Meeting.objects.none()
    path = _unit_path(user)
    q = _member_of_body(user, "body")
    if path:
        q |= Q(body__unit__path__startswith=path)
    return Meeting.objects.filter(q)


def visible_items(user):
    """THE rule for agenda items: the meeting is visible, and a confidential item only to
    the body's members."""
    if _is_super(user):
        return AgendaItem.objects.all()
    if not getattr(user, "is_authenticated", False):
        return AgendaItem.objects.none()
    path = _unit_path(user)
    member = _member_of_body(user, "meeting__body")
    open_to_unit = Q(meeting__body__unit__path__startswith=path, confidential=False) if path else Q(pk__in=[])
    return AgendaItem.objects.filter(member | open_to_unit)


def can_see_item(user, item: AgendaItem) -> bool:
    return visible_items(user).filter(pk=item.pk).exists()


def visible_versions(user):
    return DraftVersion.objects.filter(item__in=visible_items(user))


def visible_comments(user):
    return Comment.objects.filter(item__in=visible_items(user))


def visible_conclusions(user):
    return Conclusion.objects.filter(item__in=visible_items(user))


def visible_conferences(user):
    if _is_super(user):
        return Conference.objects.all()
    path = _unit_path(user)
    if not path:
        return Conference.objects.none()
    points = ConnectionPoint.objects.filter(conference=OuterRef("pk"), unit__path__startswith=path)
    return Conference.objects.filter(Q(organizer__path__startswith=path) | Exists(points))


def rows_path_for(user, conference: Conference) -> str | None:
    """The subtree whose connection points and submissions a user sees on a conference: all
    (None) for the organizer's side, otherwise the user's own subtree."""
    if _is_super(user):
        return None
    path = _unit_path(user)
    if not path:
        return "~"  # no unit path starts with this: nothing
    if conference.organizer.path.startswith(path):
        return None
    return path


def visible_submissions(user):
    """THE rule for submissions (pages, files, API): the organizer's side sees every unit's;
    a participant only its own subtree's."""
    if _is_super(user):
        return Submission.objects.all()
    path = _unit_path(user)
    if not path:
        return Submission.objects.none()
    return Submission.objects.filter(Q(conference__organizer__path__startswith=path) | Q(unit__path__startswith=path))


def visible_points(user, conference: Conference):
    """The conference's connection points the user sees (same rule as the submissions)."""
    points = conference.points.select_related("unit").order_by("unit__path")
    within = rows_path_for(user, conference)
    return points if within is None else points.filter(unit__path__startswith=within)


def seat_of(user, body: Body) -> BodyMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return BodyMember.objects.filter(body=body, user=user).first()


def is_clerk(user, body: Body) -> bool:
    if _is_super(user):
        return True
    return BodyMember.objects.filter(body=body, user=user, is_clerk=True).exists()


# --- Pages --------------------------------------------------------------------------------

def meeting_list(user, q: str = ""):
    meetings = visible_meetings(user).select_related("body__unit").annotate(
        item_count=Count("items", distinct=True)).order_by("-held_on", "-pk")
    q = (q or "").strip()
    if q:
        hits = visible_items(user).filter(meeting=OuterRef("pk")).filter(
            Q(title__icontains=q) | Q(summary__icontains=q) | Q(conclusion__text__icontains=q))
        meetings = meetings.filter(Q(place__icontains=q) | Exists(hits))
    return meetings


def search_items(user, q: str):
    q = (q or "").strip()
    if not q:
        return AgendaItem.objects.none()
    return (visible_items(user).filter(Q(title__icontains=q) | Q(summary__icontains=q)
                                       | Q(conclusion__text__icontains=q))
            .select_related("meeting__body__unit", "conclusion").order_by("-meeting__held_on", "order")[:50])


def task_states(task_ids, as_of: datetime.date) -> dict[int, str]:
    return dict(Task.objects.filter(pk__in=list(task_ids)).with_state(as_of).values_list("pk", "state"))


def meeting_items(user, meeting: Meeting, as_of: datetime.date) -> list[AgendaItem]:
    """The items of ``meeting`` the user may see, with versions, comments, conclusion and the
    conclusion's tasks (with their state on ``as_of``): a fixed number of queries."""
    from django.db.models import Prefetch

    tasks = ConclusionTask.objects.select_related("task__lead_unit")
    items = [*visible_items(user).filter(meeting=meeting).select_related(
        "presenting_unit", "proposed_issuer", "issued_document", "conclusion__new_issuer",
        "conclusion__resubmit_to__unit").prefetch_related(
        "related_documents", Prefetch("versions", queryset=DraftVersion.objects.order_by("-number")),
        Prefetch("comments", queryset=Comment.objects.select_related("member", "version", "recorded_by")),
        Prefetch("conclusion__assignments", queryset=tasks)).order_by("order", "pk")]
    ids = [a.task_id for i in items if hasattr(i, "conclusion") for a in i.conclusion.assignments.all()]
    states = task_states(ids, as_of)
    for item in items:
        conclusion = getattr(item, "conclusion", None)
        item.assignment_rows = []
        if conclusion is not None:
            item.assignment_rows = [(a.task, states.get(a.task_id)) for a in conclusion.assignments.all()]
        item.latest_version = next(iter(item.versions.all()), None)
    return items


def submission_rows(conference: Conference, as_of: datetime.date, *, within_path: str | None = None):
    """The conference's submissions with their state (on time / late / missing / not yet due),
    and the count of each state: every unit's (``within_path`` None, the organizer's side) or
    only those of the subtree at ``within_path`` (a participant, ``rows_path_for``)."""
    submissions = conference.submissions.select_related("unit", "document", "task").order_by("unit__path")
    if within_path is not None:
        submissions = submissions.filter(unit__path__startswith=within_path)
    rows = [*submissions]
    counts = Counter()
    for s in rows:
        s.state = submission_state(s, as_of)
        counts[s.state] += 1
    return rows, counts


def submission_state(s: Submission, as_of: datetime.date) -> str:
    if s.submitted_on is not None and s.submitted_on <= as_of:
        return SubmissionState.ON_TIME if s.submitted_on <= s.due_on else SubmissionState.LATE
    return SubmissionState.MISSING if as_of > s.due_on else SubmissionState.WAITING


def follow_up(body: Body, term: str, as_of: datetime.date, user) -> dict:
    """Per body and term: meetings held, items considered, conclusions by outcome, tasks from
    conclusions by state, items resubmitted more than once. Counts in SQL, a fixed number of queries."""
    meetings = Meeting.objects.filter(body=body, term=term)
    items = visible_items(user).filter(meeting__body=body, meeting__term=term)
    outcomes = dict(Conclusion.objects.filter(item__in=items).values_list("outcome").annotate(n=Count("pk")))
    task_ids = ConclusionTask.objects.filter(conclusion__item__in=items).values("task_id")
    by_state = dict(Task.objects.filter(pk__in=task_ids).with_state(as_of).values_list("state")
                    .annotate(n=Count("pk")))
    repeated = [*items.filter(times_resubmitted__gte=1, conclusion__outcome=Outcome.RESUBMIT)
                .select_related("meeting")]
    return {
        "meetings_held": meetings.filter(held_on__lte=as_of).count(),
        "meetings_planned": meetings.filter(held_on__gt=as_of).count(),
        "items": items.count(),
        "outcomes": [(value, label, outcomes.get(value, 0)) for value, label in Outcome.choices],
        "tasks": [(s.value, by_state.get(s.value, 0)) for s in TaskState],
        "tasks_total": sum(by_state.values()),
        "repeated": repeated,
        "open_proposals": Proposal.objects.filter(body=body, state="proposed").count(),
    }
