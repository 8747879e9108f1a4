"""Writes to elections. Views, the API and the demo loader call these; each checks the
actor's role, validates with messages people understand, writes in one transaction and
leaves history behind (``actor=None`` is the system: the demo loader or a command).

Who may do what:
- create an election, its constituencies, voting areas, candidates and structure targets:
  approver (or above) on the organizing unit;
- report turnout and enter a voting area's result: reporter (or above) on the area's commune or ward;
- approve or return a figure: approver (or above) on the area's commune or ward (the
  province's approvers therefore decide for every area).
"""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.accounts.access import require_role_on
from mandate.accounts.models import Role
from mandate.core.exceptions import ConflictError
from mandate.core.services import bump_version, check_version
from mandate.orgs.models import OrgUnit, UnitKind
from mandate.targets.models import ValueState
from mandate.tasks.services import assign_task

from .models import (
    AreaResult,
    Body,
    BodyKind,
    Candidate,
    CandidateVotes,
    Constituency,
    Election,
    ElectionMilestone,
    LegalMilestone,
    ResponsibleLevel,
    StructureTarget,
    TurnoutHour,
    TurnoutReport,
    VotingArea,
)

COMMUNE_KINDS = (UnitKind.COMMUNE, UnitKind.WARD)


def _count(raw, field: str) -> int:
    """A count of people or ballots: a whole number, 0 or more ("1.234" and "1 234" accepted)."""
    if isinstance(raw, bool):
        raw = None
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw if raw is not None else "").strip().replace(" ", "").replace("\u00a0", "")
        text = text.replace(".", "").replace(",", "")
        if not text.isdigit():
            raise ValidationError({field: _("Enter a whole number, 0 or more.")}, code="invalid")
        value = int(text)
    if value < 0:
        raise ValidationError({field: _("Enter a whole number, 0 or more.")}, code="invalid")
    return value


def _counts(fields: dict) -> dict:
    """Parse several counts at once, collecting every field's error."""
    values, errors = {}, {}
    for name, raw in fields.items():
        try:
            values[name] = _count(raw, name)
        except ValidationError as exc:
            errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    return values


# --- Elections, bodies and milestones ----------------------------------------------------

def commune_units(organizer: OrgUnit, day: datetime.date):
    """The communes and wards under ``organizer`` that exist on ``day``."""
    return OrgUnit.objects.valid_on(day).subtree_of(organizer, include_self=False).filter(
        kind__in=COMMUNE_KINDS).order_by("path")


@transaction.atomic
def create_election(*, actor, organizer: OrgUnit, name_vi: str, term: str, election_day: datetime.date,
                    bodies=(), name_en: str = "", assigned_on: datetime.date | None = None,
                    create_tasks: bool = True, is_demo: bool = False, **rules) -> Election:
    """An election with its bodies ``[(kind, unit, seats)]``. Every active legal milestone gets
    its date (``days_before`` election day) and becomes a task for the unit responsible: the
    organizer, or each commune and ward under it that exists on election day."""
    if actor is not None:
        require_role_on(actor, organizer, Role.APPROVER)
    election = Election(organizer=organizer, name_vi=(name_vi or "").strip(), name_en=(name_en or "").strip(),
                        term=(term or "").strip(), election_day=election_day, is_demo=is_demo, **rules)
    errors = {}
    if not election.name_vi:
        errors["name_vi"] = _("Give the election a name.")
    if not election.term:
        errors["term"] = _("Enter the term, for example 2026-2031.")
    if election_day is None:
        errors["election_day"] = _("Enter the election day.")
    if errors:
        raise ValidationError(errors)
    election.full_clean()
    election.save()
    for kind, unit, seats in bodies:
        add_body(actor=actor, election=election, kind=kind, unit=unit, seats=seats)
    if create_tasks:
        create_milestone_tasks(election, actor=actor, assigned_on=assigned_on)
    return election


@transaction.atomic
def add_body(*, actor, election: Election, kind: str, unit: OrgUnit, seats: int = 0) -> Body:
    if actor is not None:
        require_role_on(actor, election.organizer, Role.APPROVER)
    if kind not in BodyKind.values:
        raise ValidationError({"kind": _("Choose the body: National Assembly, provincial or commune-level "
                                         "People's Council.")})
    if not unit.path.startswith(election.organizer.path):
        raise ValidationError({"unit": _("%(unit)s is not under %(organizer)s, which organizes this election.")
                               % {"unit": unit.display_name, "organizer": election.organizer.display_name}})
    if Body.objects.filter(election=election, kind=kind, unit=unit).exists():
        raise ValidationError({"kind": _("This body is already part of the election.")})
    body = Body(election=election, kind=kind, unit=unit, seats=_count(seats, "seats"))
    body.full_clean()
    body.save()
    return body


def milestone_units(election: Election, milestone: LegalMilestone) -> list[OrgUnit]:
    if milestone.responsible_level == ResponsibleLevel.PROVINCE:
        return [election.organizer]
    return list(commune_units(election.organizer, election.election_day))


@transaction.atomic
def create_milestone_tasks(election: Election, *, actor, assigned_on: datetime.date | None = None
                           ) -> list[ElectionMilestone]:
    """Turn the legal milestones not yet used by ``election`` into tasks (one batch each)."""
    if actor is not None:
        require_role_on(actor, election.organizer, Role.APPROVER)
    assigned_on = assigned_on or timezone.localdate()
    used = set(election.milestones.values_list("milestone_id", flat=True))
    made = []
    for milestone in LegalMilestone.objects.filter(is_active=True).exclude(pk__in=used):
        due_on = election.election_day - datetime.timedelta(days=milestone.days_before)
        batch = uuid.uuid4()
        for unit in milestone_units(election, milestone):
            assign_task(
                actor=actor, title=f"{milestone.title_vi} — {election.name_vi}", lead_unit=unit,
                assigning_unit=election.organizer, deadline=due_on, assigned_on=min(assigned_on, due_on),
                source_note=milestone.legal_basis or election.name_vi, batch=batch, is_demo=election.is_demo,
                description=_("Legal milestone of the election of %(day)s.")
                % {"day": election.election_day.strftime("%d/%m/%Y")},
            )
        made.append(ElectionMilestone.objects.create(election=election, milestone=milestone, due_on=due_on,
                                                     batch=batch))
    return made


# --- Constituencies, voting areas, candidates, structure targets -------------------------

@transaction.atomic
def create_constituency(*, actor, body: Body, number: int, name: str, seats, units=()) -> Constituency:
    if actor is not None:
        require_role_on(actor, body.election.organizer, Role.APPROVER)
    errors = {}
    seats_value = None
    try:
        seats_value = _count(seats, "seats")
        if seats_value < 1:
            errors["seats"] = _("A constituency elects at least one deputy.")
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if not (name or "").strip():
        errors["name"] = _("Give the constituency a name.")
    if Constituency.objects.filter(body=body, number=number).exists():
        errors["number"] = _("Constituency number %(number)s already exists for this body.") % {"number": number}
    units = list(units)
    outside = [u.display_name for u in units if not u.path.startswith(body.election.organizer.path)]
    if outside:
        errors["units"] = _("Outside the organizing unit: %(units)s.") % {"units": ", ".join(outside)}
    if errors:
        raise ValidationError(errors)
    constituency = Constituency(body=body, number=number, name=name.strip(), seats=seats_value)
    constituency.full_clean()
    constituency.save()
    if units:
        constituency.units.set(units)
    return constituency


@transaction.atomic
def add_voting_area(*, actor, constituency: Constituency, unit: OrgUnit, name: str, voters) -> VotingArea:
    if actor is not None:
        require_role_on(actor, constituency.body.election.organizer, Role.APPROVER)
    errors = {}
    try:
        voters = _count(voters, "voters")
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if not (name or "").strip():
        errors["name"] = _("Give the voting area a name.")
    covered = list(constituency.units.all())
    if covered and unit not in covered:
        errors["unit"] = _("%(unit)s is not covered by %(constituency)s.") % {
            "unit": unit.display_name, "constituency": constituency.name}
    if errors:
        raise ValidationError(errors)
    area = VotingArea(constituency=constituency, unit=unit, name=name.strip(), voters=voters)
    area.full_clean()
    area.save()
    return area


CANDIDATE_FIELDS = ("full_name", "birth_year", "sex", "ethnicity", "is_ethnic_minority", "occupation",
                    "is_party_member", "nomination", "list_order")


def _same_person(candidate: Candidate):
    """Candidates of the same body with the same name and year of birth: the same person."""
    return Candidate.objects.filter(
        constituency__body_id=candidate.constituency.body_id, full_name__iexact=candidate.full_name,
        birth_year=candidate.birth_year,
    ).exclude(pk=candidate.pk).select_related("constituency")


def _validate_candidate(candidate: Candidate) -> None:
    errors = {}
    candidate.full_name = " ".join((candidate.full_name or "").split())
    if not candidate.full_name:
        errors["full_name"] = _("Enter the candidate's full name.")
    day = candidate.constituency.body.election.election_day
    if candidate.birth_year and not (day.year - 120 < candidate.birth_year <= day.year - 18):
        errors["birth_year"] = _("A candidate is at least 18 years old on election day (%(day)s).") % {
            "day": day.strftime("%d/%m/%Y")}
    if not (candidate.ethnicity or "").strip():
        errors["ethnicity"] = _("Enter the candidate's ethnicity.")
    if not (candidate.occupation or "").strip():
        errors["occupation"] = _("Enter the candidate's occupation and position.")
    if not errors:
        twin = _same_person(candidate).first()
        if twin is not None:
            errors["full_name"] = _(
                "%(name)s (born %(year)s) is already a candidate in %(constituency)s; a person stands in only "
                "one constituency of the same body."
            ) % {"name": candidate.full_name, "year": candidate.birth_year, "constituency": twin.constituency.name}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_candidate(*, actor, constituency: Constituency, is_demo: bool = False, **facts) -> Candidate:
    if actor is not None:
        require_role_on(actor, constituency.body.election.organizer, Role.APPROVER)
    unknown = set(facts) - set(CANDIDATE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be set here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    candidate = Candidate(constituency=constituency, is_demo=is_demo, **facts)
    _validate_candidate(candidate)
    candidate.full_clean()
    candidate.save()
    return candidate


@transaction.atomic
def update_candidate(candidate: Candidate, *, actor, expected_version: int | None, **facts) -> Candidate:
    candidate = Candidate.objects.select_for_update().select_related("constituency__body__election__organizer").get(
        pk=candidate.pk)
    if actor is not None:
        require_role_on(actor, candidate.constituency.body.election.organizer, Role.APPROVER)
    check_version(candidate, expected_version)
    unknown = set(facts) - set(CANDIDATE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be set here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for name, value in facts.items():
        setattr(candidate, name, value)
    _validate_candidate(candidate)
    candidate.full_clean()
    bump_version(candidate)
    candidate.save()
    return candidate


@transaction.atomic
def set_structure_target(*, actor, body: Body, attribute: str, min_percent) -> StructureTarget:
    from mandate.targets.services import to_decimal

    if actor is not None:
        require_role_on(actor, body.election.organizer, Role.APPROVER)
    value = to_decimal(min_percent, "min_percent")
    if value is None or not 0 < value <= 100:
        raise ValidationError({"min_percent": _("Enter a share between 0 and 100 %.")})
    target, created = StructureTarget.objects.select_for_update().get_or_create(
        body=body, attribute=attribute, defaults={"min_percent": value})
    if not created:
        target.min_percent = value
        bump_version(target)
    target.full_clean()
    target.save()
    return target


# --- Figures: turnout and results --------------------------------------------------------

def _stamp_submitted(figure, actor, submit: bool) -> None:
    figure.state = ValueState.SUBMITTED if submit else ValueState.DRAFT
    figure.entered_by = actor
    if submit:
        figure.submitted_by = actor
        figure.submitted_at = timezone.now()
    figure.decided_by = None
    figure.decided_at = None


def _editable(figure, expected_version: int | None) -> None:
    check_version(figure, expected_version)
    if figure.state in (ValueState.SUBMITTED, ValueState.APPROVED):
        raise ConflictError(
            _("This figure is already %(state)s; it can only be changed after it is returned.")
            % {"state": figure.get_state_display()}, code="conflict")


@transaction.atomic
def report_turnout(*, actor, area: VotingArea, hour, voted, submit: bool = True,
                   expected_version: int | None = None, is_demo: bool = False) -> TurnoutReport:
    """A voting area reports how many of its voters had voted at ``hour``."""
    area = VotingArea.objects.select_for_update().select_related("unit").get(pk=area.pk)
    if actor is not None:
        require_role_on(actor, area.unit, Role.REPORTER)
    try:
        hour = int(hour)
    except (TypeError, ValueError):
        hour = None
    if hour not in TurnoutHour.values:
        raise ValidationError({"hour": _("Choose one of the reporting hours.")})
    voted = _count(voted, "voted")
    if voted > area.voters:
        raise ValidationError({"voted": _(
            "%(voted)s voters voted is more than the %(voters)s voters on the list of %(area)s."
        ) % {"voted": voted, "voters": area.voters, "area": area.name}})
    earlier = (TurnoutReport.objects.filter(area=area, hour__lt=hour, voted__gt=voted)
               .exclude(state=ValueState.RETURNED).order_by("-hour").first())
    if earlier is not None:
        raise ValidationError({"voted": _(
            "At %(hour)s already %(earlier)s voters had voted; a later hour cannot report fewer."
        ) % {"hour": earlier.get_hour_display(), "earlier": earlier.voted}})
    report = TurnoutReport.objects.select_for_update().filter(area=area, hour=hour).first()
    if report is None:
        report = TurnoutReport(area=area, hour=hour, is_demo=is_demo)
    else:
        _editable(report, expected_version)
        bump_version(report)
    report.voted = voted
    report.voters = area.voters
    _stamp_submitted(report, actor, submit)
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def enter_result(*, actor, area: VotingArea, ballots_issued, ballots_received, valid, invalid, votes,
                 submit: bool = True, expected_version: int | None = None, constituency: Constituency | None = None,
                 is_demo: bool = False) -> AreaResult:
    """A voting area's count. ``votes`` maps each candidate (or its id) of the area's constituency
    to the votes they received. Checked: valid + invalid = received, received <= issued and
    <= voters on the list, each candidate's votes <= valid ballots, the sum of votes <= valid
    ballots × seats, every candidate of the constituency given, no candidate of another one."""
    area = VotingArea.objects.select_for_update().select_related("unit", "constituency").get(pk=area.pk)
    if actor is not None:
        require_role_on(actor, area.unit, Role.REPORTER)
    if constituency is not None and constituency.pk != area.constituency_id:
        raise ValidationError({"area": _(
            "%(area)s belongs to %(own)s, not to %(other)s: enter its result there."
        ) % {"area": area.name, "own": area.constituency.name, "other": constituency.name}})
    figures = _counts({"ballots_issued": ballots_issued, "ballots_received": ballots_received, "valid": valid,
                       "invalid": invalid})
    candidates = {c.pk: c for c in area.constituency.candidates.all()}
    given, errors = {}, {}
    foreign = []
    for key, raw in dict(votes or {}).items():
        pk = key.pk if isinstance(key, Candidate) else int(key)
        if pk not in candidates:
            other = Candidate.objects.filter(pk=pk).select_related("constituency").first()
            foreign.append(_("%(name)s is a candidate of %(other)s, not of %(own)s where %(area)s lies.")
                           % {"name": other.full_name if other else pk,
                              "other": other.constituency.name if other else "?",
                              "own": area.constituency.name, "area": area.name})
            continue
        try:
            given[pk] = _count(raw, "votes")
        except ValidationError:
            errors.setdefault("votes", []).append(
                _("Votes for %(name)s: enter a whole number, 0 or more.") % {"name": candidates[pk].full_name})
    if foreign:
        errors.setdefault("votes", []).extend(foreign)
    missing = [c.full_name for pk, c in candidates.items() if pk not in given]
    if missing and not foreign:
        errors.setdefault("votes", []).append(_("Enter the votes of every candidate; missing: %(names)s.")
                                              % {"names": ", ".join(missing)})
    issued, received = figures["ballots_issued"], figures["ballots_received"]
    valid_n, invalid_n = figures["valid"], figures["invalid"]
    if received > issued:
        errors["ballots_received"] = _("%(received)s ballots received is more than the %(issued)s issued.") % {
            "received": received, "issued": issued}
    elif received > area.voters:
        errors["ballots_received"] = _(
            "%(received)s ballots received is more than the %(voters)s voters on the list.") % {
            "received": received, "voters": area.voters}
    if valid_n + invalid_n != received:
        errors["valid"] = _(
            "Valid (%(valid)s) plus invalid (%(invalid)s) ballots make %(sum)s, but %(received)s were received."
        ) % {"valid": valid_n, "invalid": invalid_n, "sum": valid_n + invalid_n, "received": received}
    over = [candidates[pk].full_name for pk, n in given.items() if n > valid_n]
    if over:
        errors.setdefault("votes", []).append(_("More votes than valid ballots (%(valid)s) for: %(names)s.")
                                              % {"valid": valid_n, "names": ", ".join(over)})
    total, seats = sum(given.values()), area.constituency.seats
    if total > valid_n * seats:
        errors.setdefault("votes", []).append(_(
            "The votes add up to %(total)s, more than valid ballots × seats (%(valid)s × %(seats)s = %(max)s)."
        ) % {"total": total, "valid": valid_n, "seats": seats, "max": valid_n * seats})
    if errors:
        raise ValidationError(errors)
    result = AreaResult.objects.select_for_update().filter(area=area).first()
    if result is None:
        result = AreaResult(area=area, is_demo=is_demo)
    else:
        _editable(result, expected_version)
        bump_version(result)
    result.ballots_issued, result.ballots_received, result.valid, result.invalid = issued, received, valid_n, invalid_n
    _stamp_submitted(result, actor, submit)
    result.full_clean()
    result.save()
    existing = {v.candidate_id: v for v in result.votes.all()}
    for pk, n in given.items():
        row = existing.get(pk)
        if row is None:
            CandidateVotes.objects.create(result=result, candidate_id=pk, votes=n)
        elif row.votes != n:
            row.votes = n
            row.save(update_fields=["votes"])
    return result


FIGURE_MODELS = (TurnoutReport, AreaResult)


def _locked_figure(figure, expected_version):
    figure = type(figure).objects.select_for_update().select_related("area__unit").get(pk=figure.pk)
    check_version(figure, expected_version)
    return figure


@transaction.atomic
def submit_figure(figure, *, actor, expected_version: int | None):
    figure = _locked_figure(figure, expected_version)
    if actor is not None:
        require_role_on(actor, figure.area.unit, Role.REPORTER)
    if figure.state not in (ValueState.DRAFT, ValueState.RETURNED):
        raise ConflictError(_("This figure is already %(state)s.") % {"state": figure.get_state_display()},
                            code="conflict")
    _stamp_submitted(figure, actor, True)
    bump_version(figure)
    figure.save()
    return figure


def _decide(figure, *, actor, expected_version, approve: bool, comment: str):
    figure = _locked_figure(figure, expected_version)
    if actor is not None:
        require_role_on(actor, figure.area.unit, Role.APPROVER)
    if figure.state != ValueState.SUBMITTED:
        raise ConflictError(_("Only a submitted figure can be decided; this one is %(state)s.")
                            % {"state": figure.get_state_display()}, code="conflict")
    if not approve and not (comment or "").strip():
        raise ValidationError({"comment": _("Say what must be corrected.")})
    figure.state = ValueState.APPROVED if approve else ValueState.RETURNED
    figure.decided_by = actor
    figure.decided_at = timezone.now()
    figure.decision_comment = (comment or "").strip()
    bump_version(figure)
    figure.save()
    return figure


@transaction.atomic
def approve_figure(figure, *, actor, expected_version: int | None, comment: str = ""):
    """Approve a submitted turnout report or result; only approved figures count and can be published."""
    return _decide(figure, actor=actor, expected_version=expected_version, approve=True, comment=comment)


@transaction.atomic
def return_figure(figure, *, actor, expected_version: int | None, comment: str):
    return _decide(figure, actor=actor, expected_version=expected_version, approve=False, comment=comment)
