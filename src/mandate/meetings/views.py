"""Pages of meetings and conferences. Every read goes through ``queries`` (one visibility
rule), every write through ``services``."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mandate.accounts.access import has_role_on, membership_of, visible_units
from mandate.accounts.models import Role
from mandate.core.exports import append_row
from mandate.core.files import serve_file
from mandate.projects.views import put_errors_on

from . import services
from .drafts import build_pack, diff_lines
from .forms import (
    AddPointForm,
    AssignmentForm,
    AttendanceForm,
    BodyForm,
    CommentForm,
    ConclusionForm,
    ConferenceForm,
    IssuedDocumentForm,
    ItemEditForm,
    ItemForm,
    MeetingEditForm,
    MeetingForm,
    MemberForm,
    MoveItemForm,
    NoticeForm,
    PointFormSet,
    ProposalForm,
    ReissueNoticeForm,
    SubmissionForm,
    VersionForm,
)
from .models import Meeting, Proposal, ProposalState, SubmissionState
from .queries import (
    follow_up,
    is_clerk,
    meeting_items,
    meeting_list,
    rows_path_for,
    search_items,
    seat_of,
    submission_rows,
    visible_bodies,
    visible_conferences,
    visible_items,
    visible_meetings,
    visible_points,
    visible_submissions,
    visible_versions,
)


def _documents(user):
    from mandate.documents.api import visible_documents

    return visible_documents(user)


def _units(request):
    return visible_units(request.user).valid_on(request.as_of).order_by("path")


@login_required
def meeting_list_page(request):
    q = request.GET.get("q", "")
    return render(request, "meetings/list.html", {
        "q": q,
        "meetings": meeting_list(request.user, q),
        "hits": search_items(request.user, q),
        "bodies": visible_bodies(request.user).select_related("unit"),
        "conferences": visible_conferences(request.user).select_related("organizer"),
        "may_create": _approver_units(request).exists(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def body_page(request, pk):
    body = get_object_or_404(visible_bodies(request.user).select_related("unit"), pk=pk)
    clerk = is_clerk(request.user, body)
    form = MeetingForm(request.POST or None, body=body) if clerk else None
    if request.method == "POST":
        if not clerk:
            raise PermissionDenied
        if form.is_valid():
            try:
                meeting = services.schedule_meeting(actor=request.user, body=body, **form.cleaned_data)
            except ValidationError as exc:
                put_errors_on(form, exc)
            else:
                messages.success(request, _("The meeting was scheduled."))
                return redirect(meeting)
    terms = [*body.meetings.values_list("term", flat=True).distinct().order_by("-term")]
    return render(request, "meetings/body.html", {
        "body": body, "clerk": clerk, "form": form,
        "may_add_members": clerk or has_role_on(request.user, body.unit, Role.APPROVER),
        "members": [*body.members.select_related("user")],
        "meetings": [*visible_meetings(request.user).filter(body=body).order_by("-held_on")],
        "proposals": [*body.proposals.filter(state=ProposalState.PROPOSED).select_related("source_item", "meeting")],
        "terms": terms or [body.term],
    })


@login_required
def follow_up_page(request, pk):
    body = get_object_or_404(visible_bodies(request.user).select_related("unit"), pk=pk)
    term = request.GET.get("term") or body.term
    return render(request, "meetings/follow_up.html", {
        "body": body, "term": term, "data": follow_up(body, term, request.as_of, request.user),
        "terms": sorted({body.term, *body.meetings.values_list("term", flat=True)}, reverse=True),
    })


def _meeting(request, pk) -> Meeting:
    return get_object_or_404(visible_meetings(request.user).select_related("body__unit", "chair", "notice"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    clerk = is_clerk(request.user, meeting.body)
    item_form = attendance_form = notice_form = reissue_form = None
    if clerk:
        item_form = ItemForm(units=_units(request), documents=_documents(request.user).order_by("-issued_on"))
        attendance_form = AttendanceForm(meeting=meeting, initial={
            "version": meeting.version, "present": [a.member_id for a in meeting.attendance.all() if a.present]})
        notice_form = NoticeForm(initial={"version": meeting.version})
        if meeting.notice_id:
            reissue_form = ReissueNoticeForm(initial={
                "version": meeting.version, "recipients": meeting.notice_recipients,
                "include_confidential": meeting.notice_confidential})
    if request.method == "POST":
        if not clerk:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "item":
                item_form = ItemForm(request.POST, request.FILES, units=item_form.fields["presenting_unit"].queryset,
                                     documents=item_form.fields["related_documents"].queryset)
                if item_form.is_valid():
                    services.add_item(actor=request.user, meeting=meeting, **item_form.cleaned_data)
                    messages.success(request, _("The item was added to the agenda."))
                    return redirect(meeting)
            elif action == "attendance":
                attendance_form = AttendanceForm(request.POST, meeting=meeting)
                if attendance_form.is_valid():
                    services.record_attendance(meeting, actor=request.user,
                                               expected_version=attendance_form.cleaned_data["version"],
                                               present=attendance_form.cleaned_data["present"])
                    messages.success(request, _("Attendance recorded."))
                    return redirect(meeting)
            elif action == "notice":
                notice_form = NoticeForm(request.POST)
                if notice_form.is_valid():
                    data = dict(notice_form.cleaned_data)
                    document = services.issue_notice(meeting, actor=request.user,
                                                     expected_version=data.pop("version"), **data)
                    messages.success(request, _("Notice %(number)s issued.") % {"number": document.number})
                    return redirect(meeting)
            elif action == "reissue" and reissue_form is not None:
                reissue_form = ReissueNoticeForm(request.POST)
                if reissue_form.is_valid():
                    data = dict(reissue_form.cleaned_data)
                    document = services.reissue_notice(meeting, actor=request.user,
                                                       expected_version=data.pop("version"), **data)
                    messages.success(request, _("Notice %(number)s was re-issued with the corrected conclusions.")
                                     % {"number": document.number})
                    return redirect(meeting)
        except ValidationError as exc:
            form = {"item": item_form, "attendance": attendance_form, "notice": notice_form,
                    "reissue": reissue_form}.get(action)
            if form is not None:
                put_errors_on(form, exc)
    items = meeting_items(request.user, meeting, request.as_of)
    attendance = [*meeting.attendance.select_related("member__user")]
    proposals = [*meeting.proposals.filter(state=ProposalState.PROPOSED).select_related("source_item__meeting")]
    return render(request, "meetings/detail.html", {
        "meeting": meeting, "clerk": clerk, "items": items, "attendance": attendance,
        "quorum": services.quorum(meeting, attendance), "guests": [g for g in meeting.guests.splitlines() if g.strip()],
        "item_form": item_form, "attendance_form": attendance_form, "notice_form": notice_form,
        "reissue_form": reissue_form,
        "proposals": proposals, "has_drafts": any(i.latest_version for i in items),
        "can_read_notice": bool(meeting.notice_file) and (not meeting.notice_confidential
                                                          or seat_of(request.user, meeting.body) is not None
                                                          or request.user.is_superuser),
    })


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    """The clerk changes a scheduled meeting: number, date, place, chair, guests, who is
    invited and who was present. A copy read before someone else's change is refused."""
    meeting = _meeting(request, pk)
    if not is_clerk(request.user, meeting.body):
        raise PermissionDenied(_("Only the clerk of %(body)s may do this.") % {"body": meeting.body})
    rows = [*meeting.attendance.all()]
    form = MeetingEditForm(request.POST or None, body=meeting.body, initial={
        "version": meeting.version, "number": meeting.number, "term": meeting.term, "held_on": meeting.held_on,
        "place": meeting.place, "chair": meeting.chair_id, "guests": meeting.guests,
        "invited": [a.member_id for a in rows if a.invited], "present": [a.member_id for a in rows if a.present]})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.update_meeting(meeting, actor=request.user, expected_version=data.pop("version"),
                                    invited=data.pop("invited"), present=data.pop("present"), **data)
        except ValidationError as exc:
            put_errors_on(form, exc)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect(meeting)
    return render(request, "meetings/form.html", {"form": form, "title": _("Change the meeting"), "back": meeting})


@login_required
def meeting_pack(request, pk):
    meeting = _meeting(request, pk)
    items = meeting_items(request.user, meeting, request.as_of)
    if not any(i.latest_version for i in items):
        raise Http404
    response = HttpResponse(build_pack(items), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.number}-pack.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def meeting_export(request, pk):
    """The agenda with outcomes and task states, as Excel; only the items the user may see."""
    from openpyxl import Workbook

    meeting = _meeting(request, pk)
    items = meeting_items(request.user, meeting, request.as_of)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Agenda")[:31]
    append_row(ws, [_("No."), _("Item"), _("Kind"), _("Presenting unit"), _("Outcome"), _("Conclusion"),
                    _("Tasks")])
    state_labels = dict(__import__("mandate.tasks.models", fromlist=["State"]).State.choices)
    for item in items:
        c = getattr(item, "conclusion", None)
        tasks = "; ".join(f"{t.title} ({t.lead_unit.display_name}, {state_labels.get(s, '')})"
                          for t, s in item.assignment_rows)
        append_row(ws, [item.order, item.title, item.get_kind_display(),
                        item.presenting_unit.display_name if item.presenting_unit else "",
                        c.get_outcome_display() if c else "", c.text if c else "", tasks])
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.number}.xlsx"'
    return response


@login_required
def notice_file(request, pk):
    meeting = _meeting(request, pk)
    if meeting.notice is None:  # no notice issued yet: nothing to download
        raise Http404
    if meeting.notice_confidential and not (request.user.is_superuser or seat_of(request.user, meeting.body)):
        raise Http404
    return serve_file(meeting.notice_file, f"{meeting.notice.number.replace('/', '-')}.docx")


def _item(request, pk):
    return get_object_or_404(visible_items(request.user).select_related(
        "meeting__body__unit", "presenting_unit", "proposed_issuer", "issued_document", "resubmission_of__meeting"),
        pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def item_detail(request, pk):
    item = _item(request, pk)
    meeting, body = item.meeting, item.meeting.body
    clerk = is_clerk(request.user, body)
    member = seat_of(request.user, body) is not None
    conclusion = getattr(item, "conclusion", None)
    units = _units(request)
    forms = {
        "version": VersionForm() if clerk else None,
        "comment": CommentForm(body=body, clerk=clerk) if (member or clerk) else None,
        "conclusion": ConclusionForm(units=units, bodies=visible_bodies(request.user), initial=(
            {"version": conclusion.version, "outcome": conclusion.outcome, "text": conclusion.text,
             "new_issuer": conclusion.new_issuer_id, "resubmit_to": conclusion.resubmit_to_id,
             "resubmit_by": conclusion.resubmit_by, "resubmit_next_meeting": conclusion.resubmit_next_meeting}
            if conclusion else {"resubmit_to": body.pk})) if clerk else None,
        "assignment": AssignmentForm(units=units) if clerk and conclusion else None,
        "issued": IssuedDocumentForm(documents=_documents(request.user).filter(issued_on__gte=meeting.held_on),
                                     initial={"version": item.version}) if clerk else None,
    }
    if request.method == "POST":
        action = request.POST.get("action")
        if forms.get(action) is None:
            raise PermissionDenied
        try:
            if action == "version":
                forms["version"] = VersionForm(request.POST, request.FILES)
                if forms["version"].is_valid():
                    services.upload_version(actor=request.user, item=item, **forms["version"].cleaned_data)
                    messages.success(request, _("The new version was uploaded; the earlier ones are kept."))
                    return redirect(item)
            elif action == "comment":
                forms["comment"] = CommentForm(request.POST, body=body, clerk=clerk)
                if forms["comment"].is_valid():
                    services.add_comment(actor=request.user, item=item, **forms["comment"].cleaned_data)
                    messages.success(request, _("Comment recorded."))
                    return redirect(item)
            elif action == "conclusion":
                forms["conclusion"] = ConclusionForm(request.POST, units=units, bodies=visible_bodies(request.user))
                if forms["conclusion"].is_valid():
                    data = dict(forms["conclusion"].cleaned_data)
                    services.record_conclusion(actor=request.user, meeting=meeting, item=item,
                                               expected_version=data.pop("version"), **data)
                    messages.success(request, _("Conclusion recorded."))
                    return redirect(item)
            elif action == "assignment":
                forms["assignment"] = AssignmentForm(request.POST, units=units)
                if forms["assignment"].is_valid():
                    services.assign_from_conclusion(actor=request.user, conclusion=conclusion,
                                                    **forms["assignment"].cleaned_data)
                    messages.success(request, _("The task was assigned."))
                    return redirect(item)
            elif action == "issued":
                forms["issued"] = IssuedDocumentForm(request.POST, documents=forms["issued"].fields["document"].queryset)
                if forms["issued"].is_valid():
                    services.record_issued_document(item, actor=request.user,
                                                    expected_version=forms["issued"].cleaned_data["version"],
                                                    document=forms["issued"].cleaned_data["document"])
                    messages.success(request, _("The issued document was recorded."))
                    return redirect(item)
        except ValidationError as exc:
            put_errors_on(forms[action], exc)
        except PermissionDenied as exc:
            forms[action].add_error(None, str(exc))
    items = meeting_items(request.user, meeting, request.as_of)
    item_row = next(i for i in items if i.pk == item.pk)
    versions = [*item_row.versions.all()]
    diff = None
    a, b = request.GET.get("a"), request.GET.get("b")
    if a and b:
        by_number = {str(v.number): v for v in versions}
        if a in by_number and b in by_number:
            diff = {"a": by_number[a], "b": by_number[b], "rows": diff_lines(by_number[a].text, by_number[b].text)}
    return render(request, "meetings/item.html", {
        "item": item, "row": item_row, "meeting": meeting, "clerk": clerk, "versions": versions, "diff": diff,
        "forms": forms, "conclusion": conclusion,
        "later": [*visible_items(request.user).filter(resubmission_of=item).select_related("meeting__body__unit")],
    })


def _with_current(queryset, current_ids):
    """The choices of a select plus the values the record already holds (shown on its page
    already), so saving a form never drops one silently."""
    return queryset.model.objects.filter(Q(pk__in=queryset.values("pk")) | Q(pk__in=current_ids))


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    """The clerk changes an agenda item: title, kind, presenting unit, proposed issuer,
    related documents, summary. A copy read before someone else's change is refused."""
    item = _item(request, pk)
    if not is_clerk(request.user, item.meeting.body):
        raise PermissionDenied(_("Only the clerk of %(body)s may do this.") % {"body": item.meeting.body})
    current_documents = [*item.related_documents.values_list("pk", flat=True)]
    units = _with_current(_units(request), [item.presenting_unit_id, item.proposed_issuer_id]).order_by("path")
    documents = _with_current(_documents(request.user), current_documents).order_by("-issued_on", "number")
    form = ItemEditForm(request.POST or None, units=units, documents=documents, initial={
        "version": item.version, "title": item.title, "kind": item.kind, "presenting_unit": item.presenting_unit_id,
        "proposed_issuer": item.proposed_issuer_id, "related_documents": current_documents, "summary": item.summary})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.update_item(item, actor=request.user, expected_version=data.pop("version"),
                                 related_documents=data.pop("related_documents"), **data)
        except ValidationError as exc:
            put_errors_on(form, exc)
        else:
            messages.success(request, _("The agenda item was saved."))
            return redirect(item)
    return render(request, "meetings/form.html", {"form": form, "title": _("Change the agenda item"), "back": item})


@login_required
@require_POST
def item_move(request, pk):
    """Move an item one place up or down the agenda (the clerk's buttons on the meeting page)."""
    item = _item(request, pk)
    if not is_clerk(request.user, item.meeting.body):
        raise PermissionDenied(_("Only the clerk of %(body)s may do this.") % {"body": item.meeting.body})
    form = MoveItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Move the item up or down."))
    else:
        try:
            services.move_item(item, actor=request.user, expected_version=form.cleaned_data["version"],
                               direction=form.cleaned_data["direction"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The agenda order was changed."))
    return redirect(item.meeting.get_absolute_url() + "#agenda")


@login_required
def version_file(request, pk):
    version = get_object_or_404(visible_versions(request.user), pk=pk)
    return serve_file(version.file, version.original_name, inline=True)


@login_required
@require_POST
def proposal_action(request, pk):
    proposal = get_object_or_404(Proposal.objects.filter(
        source_item__in=visible_items(request.user)).select_related("body"), pk=pk)
    form = ProposalForm(request.POST, body=proposal.body)
    if not form.is_valid():
        messages.error(request, _("Choose a meeting."))
        return redirect(proposal.body)
    try:
        if request.POST.get("action") == "move":
            if form.cleaned_data["meeting"] is None:
                raise ValidationError(_("Choose the meeting to move the proposal to."))
            services.move_proposal(proposal, actor=request.user, expected_version=form.cleaned_data["version"],
                                   meeting=form.cleaned_data["meeting"])
            messages.success(request, _("The proposal was moved."))
        else:
            item = services.accept_proposal(proposal, actor=request.user,
                                            expected_version=form.cleaned_data["version"],
                                            meeting=form.cleaned_data["meeting"])
            messages.success(request, _("The item was put on the agenda."))
            return redirect(item)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(proposal.meeting or proposal.body)


@login_required
@require_http_methods(["GET", "POST"])
def conference_detail(request, pk):
    conference = get_object_or_404(visible_conferences(request.user).select_related(
        "organizer", "basis_document"), pk=pk)
    organizer = has_role_on(request.user, conference.organizer, Role.APPROVER)
    point_form = None
    if organizer:
        point_units = _units(request).exclude(pk__in=conference.points.values("unit"))
        point_form = AddPointForm(units=point_units)
    if request.method == "POST":
        if not organizer:
            raise PermissionDenied
        action = request.POST.get("action", "remind")
        if action == "add_point":
            point_form = AddPointForm(request.POST, units=point_units)
            if point_form.is_valid():
                try:
                    services.add_connection_point(actor=request.user, conference=conference,
                                                  unit=point_form.cleaned_data["unit"],
                                                  attendees=point_form.cleaned_data["attendees"] or 0)
                except (ValidationError, PermissionDenied) as exc:
                    put_errors_on(point_form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
                else:
                    messages.success(request, _("The connection point was added; its unit has its submission.")
                                     if conference.due_on else _("The connection point was added."))
                    return redirect(conference)
        elif action == "remove_point":
            raw = request.POST.get("point", "")
            point = (conference.points.select_related("unit").filter(pk=int(raw)).first()
                     if raw.isascii() and raw.isdigit() else None)
            if point is None:
                messages.error(request, _("This connection point was already removed."))
            else:
                try:
                    services.remove_connection_point(point, actor=request.user)
                except ValidationError as exc:
                    messages.error(request, " ".join(exc.messages))
                else:
                    messages.success(request, _("%(unit)s is no longer a connection point.")
                                     % {"unit": point.unit.display_name})
            return redirect(conference)
        else:
            count = services.send_submission_reminders(conference, actor=request.user)
            messages.success(request, _("Reminders sent to %(count)s units.") % {"count": count})
            return redirect(conference)
    # One rule (queries.rows_path_for): the organizer's side sees every connection point and
    # every unit's submission; a participant the number of points and its own subtree's rows.
    within = rows_path_for(request.user, conference)
    rows, counts = submission_rows(conference, request.as_of, within_path=within)
    visible = set(visible_submissions(request.user).filter(conference=conference).values_list("pk", flat=True))
    for row in rows:
        row.can_open = row.pk in visible
    all_points = [*conference.points.all()]
    points = [*visible_points(request.user, conference)]
    submitted = {row.unit_id for row in rows if row.submitted_on is not None}
    for point in points:  # the organizer may remove a point whose unit has not submitted
        point.removable = organizer and point.unit_id not in submitted
    return render(request, "meetings/conference.html", {
        "conference": conference, "organizer": organizer, "rows": rows, "organizer_side": within is None,
        "counts": [(s.value, s.label, counts.get(s.value, 0)) for s in SubmissionState],
        "points": points, "point_count": len(all_points), "point_form": point_form,
        "documents": [*conference.documents.all()],
        "total_attendees": conference.main_hall_attendees + sum(p.attendees for p in all_points),
    })


@login_required
@require_http_methods(["GET", "POST"])
def submission_detail(request, pk):
    submission = get_object_or_404(visible_submissions(request.user).select_related(
        "conference", "unit", "document", "task"), pk=pk)
    may_submit = submission.submitted_on is None and has_role_on(request.user, submission.unit, Role.REPORTER)
    form = SubmissionForm(initial={"version": submission.version}) if may_submit else None
    if request.method == "POST":
        if not may_submit:
            raise PermissionDenied
        form = SubmissionForm(request.POST, request.FILES)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.submit_programme(submission, actor=request.user, expected_version=data.pop("version"), **data)
            except ValidationError as exc:
                put_errors_on(form, exc)
            else:
                messages.success(request, _("The programme was submitted."))
                return redirect(submission)
    from .queries import submission_state

    return render(request, "meetings/submission.html", {
        "submission": submission, "form": form, "state": submission_state(submission, request.as_of),
    })


@login_required
def submission_file(request, pk):
    submission = get_object_or_404(visible_submissions(request.user), pk=pk)
    return serve_file(submission.file, submission.original_name, inline=True)



def _approver_units(request):
    return visible_units(request.user).valid_on(request.as_of).order_by("path") if (
        request.user.is_superuser or (membership_of(request.user) and membership_of(request.user).has_role(
            Role.APPROVER))) else visible_units(request.user).none()


@login_required
@require_http_methods(["GET", "POST"])
def body_create(request):
    units = _approver_units(request)
    if not units.exists():
        raise PermissionDenied
    form = BodyForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            body = services.create_body(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            put_errors_on(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        else:
            messages.success(request, _("The body was set up; add its members."))
            return redirect(body)
    return render(request, "meetings/form.html", {"form": form, "title": _("Set up a body")})


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk):
    body = get_object_or_404(visible_bodies(request.user).select_related("unit"), pk=pk)
    users = get_user_model().objects.filter(is_active=True, membership__org_unit__in=visible_units(request.user)
                                            ).exclude(body_seats__body=body).order_by("username")
    form = MemberForm(request.POST or None, users=users)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_member(actor=request.user, body=body, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            put_errors_on(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        else:
            messages.success(request, _("Member added."))
            return redirect(body)
    return render(request, "meetings/form.html", {"form": form, "title": _("Add a member"), "back": body})


@login_required
@require_http_methods(["GET", "POST"])
def conference_create(request):
    units = _approver_units(request)
    if not units.exists():
        raise PermissionDenied
    documents = _documents(request.user).order_by("-issued_on", "number")
    all_units = visible_units(request.user).valid_on(request.as_of).order_by("path")
    form = ConferenceForm(request.POST or None, units=units, documents=documents)
    points = PointFormSet(request.POST or None, form_kwargs={"units": all_units}, prefix="points")
    if request.method == "POST" and form.is_valid() and points.is_valid():
        chosen = [(p["unit"], p.get("attendees") or 0) for p in points.cleaned_data if p.get("unit")]
        try:
            conference = services.create_conference(actor=request.user, points=chosen, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            put_errors_on(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        else:
            messages.success(request, _("The conference was recorded; each connection point has its submission."))
            return redirect(conference)
    return render(request, "meetings/form.html", {"form": form, "points": points,
                                                  "title": _("Record a conference")})
