"""Pages of elections: the list, an election (bodies, structure targets, the legal schedule
as tasks, constituencies, publication), the turnout board of election day, a constituency
(candidates, voting areas, the count) and a voting area (turnout and result entry, approval)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mandate.accounts.access import has_role_on, visible_units
from mandate.accounts.models import Role
from mandate.core.numbers import format_number
from mandate.portal import services as portal
from mandate.portal.models import PublicationKind
from mandate.projects.views import put_errors_on
from mandate.tasks.services import visible_tasks
from mandate.tasks.state import TaskState

from . import excel, queries, services
from .forms import (
    CandidateForm,
    CandidateImportForm,
    ConstituencyForm,
    DecisionForm,
    ElectionForm,
    ResultForm,
    RulesForm,
    StructureTargetForm,
    TurnoutForm,
    VotingAreaForm,
)
from .models import AreaResult, BodyKind, Constituency, StructureTarget, TurnoutHour, TurnoutReport


def _organizer_units(user, day):
    """Units the user may organize an election for: approver or above, open on ``day``."""
    from mandate.accounts.access import membership_of, visible_units

    membership = membership_of(user)
    if not (user.is_superuser or (membership and membership.has_role(Role.APPROVER))):
        return visible_units(user).none()
    return visible_units(user).valid_on(day).filter(kind="province").order_by("path")


@login_required
def election_list(request):
    elections = queries.visible_elections(request.user).select_related("organizer").annotate(
        n_bodies=Count("bodies", distinct=True))
    return render(request, "elections/list.html", {
        "elections": elections, "can_create": _organizer_units(request.user, request.as_of).exists()})


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    units = _organizer_units(request.user, request.as_of)
    if not units.exists():
        raise PermissionDenied
    form = ElectionForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        organizer = d["organizer"]
        bodies = []
        if d["national_assembly_seats"]:
            bodies.append((BodyKind.NATIONAL_ASSEMBLY, organizer, d["national_assembly_seats"]))
        if d["provincial_council_seats"]:
            bodies.append((BodyKind.PROVINCIAL_COUNCIL, organizer, d["provincial_council_seats"]))
        if d["commune_councils"]:
            bodies += [(BodyKind.COMMUNE_COUNCIL, u, 0) for u in services.commune_units(organizer, d["election_day"])]
        try:
            election = services.create_election(actor=request.user, organizer=organizer, name_vi=d["name_vi"],
                                                name_en=d["name_en"], term=d["term"],
                                                election_day=d["election_day"], bodies=bodies)
        except ValidationError as exc:
            put_errors_on(form, exc)
        else:
            messages.success(request, _("Election created; its legal milestones are now tasks."))
            return redirect(election)
    return render(request, "elections/form.html", {"form": form})


def _milestone_rows(election, as_of, user):
    """The legal schedule with the state of its tasks, counted over the tasks the user sees."""
    milestones = list(election.milestones.select_related("milestone"))
    states = {
        row["batch"]: row for row in
        visible_tasks(user).filter(batch__in=[m.batch for m in milestones if m.batch]).with_state(as_of)
        .values("batch").order_by()
        .annotate(total=Count("pk"), **{s.value: Count("pk", filter=Q(state=s.value)) for s in TaskState})
    }
    for m in milestones:
        m.states = states.get(m.batch, {})
    return milestones


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, pk):
    election = get_object_or_404(queries.visible_elections(request.user).select_related("organizer"), pk=pk)
    can_manage = has_role_on(request.user, election.organizer, Role.APPROVER)
    target_form = StructureTargetForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if target_form is None:
            raise PermissionDenied
        if target_form.is_valid():
            body = get_object_or_404(election.bodies, pk=target_form.cleaned_data["body"])
            try:
                services.set_structure_target(actor=request.user, body=body,
                                              attribute=target_form.cleaned_data["attribute"],
                                              min_percent=target_form.cleaned_data["min_percent"])
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Structure target saved."))
                return redirect(election)
    bodies = []
    constituencies = queries.visible_constituencies(request.user).filter(body__election=election)
    for body in queries.bodies_of(election, user=request.user):
        rows, checks = queries.constituency_rows(body, constituencies.filter(body=body))
        bodies.append({"body": body, "rows": rows, "checks": checks})
    counts = {c.constituency.pk: c for c in queries.constituency_counts(constituencies)}
    for b in bodies:
        for row in b["rows"]:
            row.count = counts.get(row.constituency.pk)
    return render(request, "elections/detail.html", {
        "election": election, "bodies": bodies, "milestones": _milestone_rows(election, request.as_of, request.user),
        "part_notice": queries.part_notice(request.user, election),
        "publications": portal.election_publications(election),
        "can_publish": portal.can_publish_election(request.user, election), "can_manage": can_manage,
        "attributes": StructureTargetForm.base_fields["attribute"].choices,
        "min_label": StructureTargetForm.base_fields["min_percent"].label,
    })


@login_required
def turnout(request, pk):
    election = get_object_or_404(queries.visible_elections(request.user).select_related("organizer"), pk=pk)
    areas = queries.visible_areas(request.user)
    try:
        hour = int(request.GET.get("hour", 0))
    except ValueError:
        hour = 0
    if hour not in TurnoutHour.values:
        reported = queries.visible_turnout(request.user).filter(area__constituency__body__election=election,
                                                state__in=queries.COUNTED).order_by("-hour").values_list("hour", flat=True)
        hour = reported.first() or TurnoutHour.values[0]
    by_constituency, by_unit, total = queries.turnout_board(queries.turnout_areas(election, hour, areas=areas))
    return render(request, "elections/turnout.html", {
        "election": election, "hour": hour, "hours": TurnoutHour.choices, "by_constituency": by_constituency,
        "by_unit": by_unit, "total": total, "part_notice": queries.part_notice(request.user, election),
    })


@login_required
@require_POST
def publish(request, pk):
    election = get_object_or_404(queries.visible_elections(request.user), pk=pk)
    what = request.POST.get("what")
    public = request.POST.get("public", "1") == "1"
    try:
        if what in (PublicationKind.CANDIDATES, PublicationKind.TURNOUT):
            portal.publish_election(actor=request.user, election=election, kind=what, public=public)
        elif what == PublicationKind.RESULTS:
            constituency = get_object_or_404(queries.visible_constituencies(request.user).filter(body__election=election),
                                             pk=request.POST.get("constituency"))
            portal.publish_results(actor=request.user, constituency=constituency, public=public)
        else:
            raise PermissionDenied
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Published on the public portal.") if public else
                         _("Withdrawn from the public portal."))
    return redirect(request.POST.get("next") or election.get_absolute_url())


def _visible_constituency(request, pk):
    return get_object_or_404(queries.visible_constituencies(request.user).select_related(
        "body__election__organizer", "body__unit"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def constituency(request, pk):
    c = _visible_constituency(request, pk)
    election = c.body.election
    can_manage = has_role_on(request.user, election.organizer, Role.APPROVER)
    form = CandidateForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.add_candidate(actor=request.user, constituency=c, **form.cleaned_data)
            except ValidationError as exc:
                put_errors_on(form, exc)
            else:
                messages.success(request, _("Candidate added."))
                return redirect(c)
    rows, _checks = queries.constituency_rows(c.body, queries.Constituency.objects.filter(pk=c.pk))
    count = queries.constituency_counts(queries.Constituency.objects.filter(pk=c.pk))[0]
    covered, covered_others = queries.covered_units(request.user, c)
    areas = queries.visible_areas(request.user).filter(constituency=c).select_related("unit", "result").order_by(
        "unit__path", "name")
    return render(request, "elections/constituency.html", {
        "c": c, "election": election, "part_notice": queries.part_notice(request.user, election), "row": rows[0],
        "count": count, "areas": areas, "form": form, "covered": covered, "covered_others": covered_others,
        "candidates": c.candidates.all(),
        "results_publication": portal.election_publications(election)["results"].get(c.pk),
        "can_publish": portal.can_publish_election(request.user, election), "can_manage": can_manage,
    })


def _figure_forms(request, area):
    turnout = {r.hour: r for r in area.turnout_reports.select_related("submitted_by", "decided_by")}
    next_hour = next((h for h in TurnoutHour.values if h not in turnout or turnout[h].state == "returned"),
                     TurnoutHour.values[-1])
    return turnout, next_hour


@login_required
@require_http_methods(["GET", "POST"])
def area(request, pk):
    area = get_object_or_404(queries.visible_areas(request.user).select_related(
        "constituency__body__election__organizer", "unit"), pk=pk)
    can_report = has_role_on(request.user, area.unit, Role.REPORTER)
    can_decide = has_role_on(request.user, area.unit, Role.APPROVER)
    candidates = list(area.constituency.candidates.all())
    result = AreaResult.objects.filter(area=area).prefetch_related("votes").first()
    turnout, next_hour = _figure_forms(request, area)
    turnout_form = TurnoutForm(initial={"hour": next_hour})
    initial = {"version": result.version if result else None, "submit": True}
    if result:
        initial.update(ballots_issued=result.ballots_issued, ballots_received=result.ballots_received,
                       valid=result.valid, invalid=result.invalid,
                       **{f"votes_{v.candidate_id}": v.votes for v in result.votes.all()})
    result_form = ResultForm(initial=initial, candidates=candidates)
    if request.method == "POST":
        if not can_report:
            raise PermissionDenied
        if request.POST.get("action") == "turnout":
            turnout_form = TurnoutForm(request.POST)
            if turnout_form.is_valid():
                d = turnout_form.cleaned_data
                existing = turnout.get(d["hour"])
                try:
                    services.report_turnout(actor=request.user, area=area, hour=d["hour"], voted=d["voted"],
                                            expected_version=d["version"] or (existing.version if existing else None))
                except ValidationError as exc:
                    put_errors_on(turnout_form, exc)
                else:
                    messages.success(request, _("Turnout sent for approval."))
                    return redirect(area)
        elif request.POST.get("action") == "result":
            result_form = ResultForm(request.POST, candidates=candidates)
            if result_form.is_valid():
                d = result_form.cleaned_data
                try:
                    services.enter_result(actor=request.user, area=area, ballots_issued=d["ballots_issued"],
                                          ballots_received=d["ballots_received"], valid=d["valid"],
                                          invalid=d["invalid"], votes=result_form.votes(), submit=d["submit"],
                                          expected_version=d["version"])
                except ValidationError as exc:
                    put_errors_on(result_form, exc)
                else:
                    messages.success(request, _("Result sent for approval.") if d["submit"] else _("Result saved."))
                    return redirect(area)
        else:
            raise PermissionDenied
    votes = {v.candidate_id: v.votes for v in result.votes.all()} if result else {}
    return render(request, "elections/area.html", {
        "area": area, "election": area.constituency.body.election, "turnout": [turnout[h] for h in sorted(turnout)],
        "turnout_form": turnout_form, "result": result, "result_form": result_form, "can_report": can_report,
        "can_decide": can_decide, "candidate_votes": [(c, votes.get(c.pk)) for c in candidates],
        "result_editable": result is None or result.state in ("draft", "returned"),
        "can_manage": has_role_on(request.user, area.constituency.body.election.organizer, Role.APPROVER),
    })


@login_required
@require_POST
def decide(request, kind, pk):
    model = {"turnout": TurnoutReport, "result": AreaResult}.get(kind)
    if model is None:
        raise PermissionDenied
    visible = queries.visible_turnout(request.user) if model is TurnoutReport else queries.visible_results(request.user)
    figure = get_object_or_404(visible.select_related("area"), pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        action = request.POST.get("decision")
        try:
            if action == "approve":
                services.approve_figure(figure, actor=request.user, expected_version=form.cleaned_data["version"],
                                        comment=form.cleaned_data["comment"])
                messages.success(request, _("Approved."))
            elif action == "return":
                services.return_figure(figure, actor=request.user, expected_version=form.cleaned_data["version"],
                                       comment=form.cleaned_data["comment"])
                messages.success(request, _("Returned for correction."))
            elif action == "submit":
                services.submit_figure(figure, actor=request.user, expected_version=form.cleaned_data["version"])
                messages.success(request, _("Sent for approval."))
            else:
                raise PermissionDenied
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect(figure.area)


# --- Setting an election up: constituencies, voting areas, rules, candidate import -----------

def _managed_constituency(request, pk):
    """A constituency the user sees (404 otherwise) of an election they may set up (403 otherwise)."""
    c = _visible_constituency(request, pk)
    _require_manager(request.user, c.body.election)
    return c


def _managed_election(request, pk):
    """An election the user sees (404 otherwise) and may set up: an approver or administrator
    of the organizing unit, as in the services and the API (403 otherwise)."""
    election = get_object_or_404(queries.visible_elections(request.user).select_related("organizer"), pk=pk)
    _require_manager(request.user, election)
    return election


def _require_manager(user, election):
    if not has_role_on(user, election.organizer, Role.APPROVER):
        raise PermissionDenied(_("Only an approver or administrator of %(unit)s sets this election up.")
                               % {"unit": election.organizer.display_name})


def _offered_units(election, *keep):
    """Communes and wards under the organizer on election day, and units already chosen."""
    units = {u.pk: u for u in services.commune_units(election.organizer, election.election_day)}
    for unit in keep:
        units.setdefault(unit.pk, unit)
    return sorted(units.values(), key=lambda u: u.path)


def _body_param(request, bodies):
    """The body named by ``?body=`` among ``bodies`` (None when absent or not one of them)."""
    raw = request.GET.get("body", "")
    return bodies.filter(pk=int(raw)).first() if raw.isdigit() else None


def _setup_page(request, template_context):
    return render(request, "elections/setup_form.html", template_context)


@login_required
@require_http_methods(["GET", "POST"])
def constituency_create(request, pk):
    election = _managed_election(request, pk)
    bodies = election.bodies.select_related("unit")
    initial = {"body": _body_param(request, bodies)}
    form = ConstituencyForm(request.POST or None, initial=initial, bodies=bodies, units=visible_units(request.user),
                            offered=_offered_units(election))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            c = services.create_constituency(actor=request.user, body=d["body"], number=d["number"], name=d["name"],
                                             seats=d["seats"], units=d["units"])
        except ValidationError as exc:
            put_errors_on(form, exc)
        else:
            messages.success(request, _("Constituency created."))
            return redirect(c)
    return _setup_page(request, {"form": form, "election": election, "title": _("New constituency"),
                                 "back": (election.get_absolute_url(), election.name)})


@login_required
@require_http_methods(["GET", "POST"])
def constituency_edit(request, pk):
    c = _managed_constituency(request, pk)
    election = c.body.election
    current = list(c.units.all())
    initial = {"body": c.body, "number": c.number, "name": c.name, "seats": c.seats, "units": current,
               "version": c.version}
    form = ConstituencyForm(request.POST or None, initial=initial, bodies=election.bodies.select_related("unit"),
                            units=visible_units(request.user), offered=_offered_units(election, *current))
    form.fields["body"].disabled = True
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.update_constituency(c, actor=request.user, expected_version=d["version"], number=d["number"],
                                         name=d["name"], seats=d["seats"], units=d["units"])
        except ValidationError as exc:  # a ConflictError too: the form keeps what was typed
            put_errors_on(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(c)
    return _setup_page(request, {"form": form, "election": election, "obj": c,
                                 "title": _("Correct the constituency"), "back": (c.get_absolute_url(), c.name)})


def _area_form(request, election, body, initial, *keep):
    return VotingAreaForm(request.POST or None, initial=initial,
                          constituencies=body.constituencies.order_by("number"), units=visible_units(request.user),
                          offered=_offered_units(election, *keep))


@login_required
@require_http_methods(["GET", "POST"])
def area_create(request, pk):
    c = _managed_constituency(request, pk)
    election = c.body.election
    covered = list(c.units.all())
    form = _area_form(request, election, c.body, {"constituency": c, "unit": covered[0] if len(covered) == 1 else None})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            area = services.add_voting_area(actor=request.user, constituency=d["constituency"], unit=d["unit"],
                                            name=d["name"], voters=d["voters"])
        except ValidationError as exc:
            put_errors_on(form, exc)
        else:
            messages.success(request, _("Voting area added."))
            return redirect(area.constituency)
    return _setup_page(request, {"form": form, "election": election, "title": _("New voting area"),
                                 "back": (c.get_absolute_url(), c.name)})


@login_required
@require_http_methods(["GET", "POST"])
def area_edit(request, pk):
    area = get_object_or_404(queries.visible_areas(request.user).select_related(
        "constituency__body__election__organizer", "unit"), pk=pk)
    election = area.constituency.body.election
    _require_manager(request.user, election)
    initial = {"constituency": area.constituency, "unit": area.unit, "name": area.name, "voters": area.voters,
               "version": area.version}
    form = _area_form(request, election, area.constituency.body, initial, area.unit)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.update_voting_area(area, actor=request.user, expected_version=d["version"],
                                        constituency=d["constituency"], unit=d["unit"], name=d["name"],
                                        voters=d["voters"])
        except ValidationError as exc:  # a ConflictError too: the form keeps what was typed
            put_errors_on(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(area)
    return _setup_page(request, {"form": form, "election": election, "obj": area,
                                 "title": _("Correct the voting area"), "back": (area.get_absolute_url(), area.name)})


@login_required
@require_http_methods(["GET", "POST"])
def rules(request, pk):
    election = _managed_election(request, pk)
    bodies = list(election.bodies.select_related("unit"))
    initial = {name: getattr(election, name) for name in RulesForm.RULES}
    for name in ("majority_percent", "min_turnout_percent"):
        initial[name] = format_number(initial[name], grouping=False)
    for t in StructureTarget.objects.filter(body__election=election):
        initial[services.target_field(t.body_id, t.attribute)] = format_number(t.min_percent, grouping=False)
    initial.update(version=election.version, targets_stamp=services.targets_stamp(election))
    form = RulesForm(request.POST or None, initial=initial, bodies=bodies, target_name=services.target_field)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_rules(election, actor=request.user, expected_version=form.cleaned_data["version"],
                                  rules=form.rules(), targets=form.targets(),
                                  expected_targets=form.cleaned_data["targets_stamp"])
        except ValidationError as exc:  # a ConflictError too: the form keeps what was typed
            put_errors_on(form, exc)
        else:
            messages.success(request, _("The rules and structure targets were saved."))
            return redirect(election)
    return render(request, "elections/rules.html", {
        "form": form, "election": election, "target_history": queries.target_history(election)})


@login_required
@require_http_methods(["GET", "POST"])
def candidate_import(request, pk):
    election = _managed_election(request, pk)
    bodies = election.bodies.select_related("unit").annotate(n=Count("constituencies")).filter(n__gt=0)
    form = CandidateImportForm(request.POST or None, request.FILES or None, bodies=bodies,
                               initial={"body": bodies.first() if len(bodies) == 1 else None})
    row_errors = []
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        try:
            rows = excel.read_candidates(form.cleaned_data["file"])
            created = services.import_candidates(actor=request.user, body=body, rows=rows)
        except services.RowErrors as exc:
            row_errors = exc.messages
        except ValidationError as exc:
            put_errors_on(form, exc)
        else:
            messages.success(request, _("%(count)s candidates were added to the lists of %(body)s.")
                             % {"count": len(created), "body": body})
            return redirect(election)
    return render(request, "elections/import.html", {"form": form, "election": election, "row_errors": row_errors,
                                                     "bodies": bodies})


@login_required
def candidate_template(request, pk):
    election = _managed_election(request, pk)
    body = _body_param(request, election.bodies.all())
    constituencies = Constituency.objects.filter(body=body).order_by("number") if body else ()
    response = HttpResponse(excel.candidate_template(constituencies),
                            content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="candidates-template.xlsx"'
    return response
