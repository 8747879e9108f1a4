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
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from mandate.accounts.access import require_role_on
from mandate.accounts.models import Role
from mandate.core.exceptions import ConflictError
from mandate.core.services import bump_version, check_version
from mandate.core.uploads import RowErrors
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
    Nomination,
    ResponsibleLevel,
    Sex,
    StructureAttribute,
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

def _seats(raw) -> int:
    """A constituency's seats: a whole number, at least 1."""
    value = _count(raw, "seats")
    if value < 1:
        raise ValidationError({"seats": _("A constituency elects at least one deputy.")}, code="min_value")
    return value


def _constituency_errors(body: Body, *, number, name: str, seats, units, own_pk=None) -> tuple[dict, dict]:
    """Check a constituency's fields; returns (errors, cleaned values)."""
    errors, values = {}, {"name": (name or "").strip()}
    try:
        values["seats"] = _seats(seats)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    try:
        values["number"] = _count(number, "number")
        if values["number"] < 1:
            raise ValidationError({"number": _("Number the constituencies from 1.")})
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if not values["name"]:
        errors["name"] = _("Give the constituency a name.")
    if "number" in values and Constituency.objects.filter(body=body, number=values["number"]).exclude(
            pk=own_pk).exists():
        errors["number"] = _("Constituency number %(number)s already exists for this body.") % {
            "number": values["number"]}
    organizer = body.election.organizer
    outside = [u.display_name for u in units if not u.path.startswith(organizer.path)]
    if outside:
        errors["units"] = _("Outside the organizing unit: %(units)s.") % {"units": ", ".join(outside)}
    return errors, values


@transaction.atomic
def create_constituency(*, actor, body: Body, number: int, name: str, seats, units=()) -> Constituency:
    if actor is not None:
        require_role_on(actor, body.election.organizer, Role.APPROVER)
    units = list(units)
    errors, values = _constituency_errors(body, number=number, name=name, seats=seats, units=units)
    if errors:
        raise ValidationError(errors)
    constituency = Constituency(body=body, **values)
    constituency.full_clean()
    constituency.save()
    if units:
        constituency.units.set(units)
    return constituency


@transaction.atomic
def update_constituency(constituency: Constituency, *, actor, expected_version: int | None, number, name: str,
                        seats, units) -> Constituency:
    """Correct a constituency's number, name, seats and the units it covers. A unit that still
    holds voting areas of the constituency cannot be dropped from it."""
    constituency = Constituency.objects.select_for_update().select_related("body__election__organizer").get(
        pk=constituency.pk)
    if actor is not None:
        require_role_on(actor, constituency.body.election.organizer, Role.APPROVER)
    check_version(constituency, expected_version)
    units = list(units)
    errors, values = _constituency_errors(constituency.body, number=number, name=name, seats=seats, units=units,
                                          own_pk=constituency.pk)
    if units and "units" not in errors:
        stranded = sorted({a.unit.display_name for a in
                           constituency.areas.exclude(unit__in=units).select_related("unit")})
        if stranded:
            errors["units"] = _("Voting areas of this constituency lie in %(units)s: keep those units, or move "
                                "the voting areas first.") % {"units": ", ".join(stranded)}
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(constituency, name, value)
    constituency.full_clean()
    bump_version(constituency)
    constituency.save()
    if {u.pk for u in units} != set(constituency.units.values_list("pk", flat=True)):
        constituency.units.set(units)
    return constituency


def _area_errors(constituency: Constituency, *, unit: OrgUnit, name: str, voters, own_pk=None) -> tuple[dict, dict]:
    errors, values = {}, {"name": (name or "").strip()}
    try:
        values["voters"] = _count(voters, "voters")
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if not values["name"]:
        errors["name"] = _("Give the voting area a name.")
    elif VotingArea.objects.filter(constituency=constituency, name__iexact=values["name"]).exclude(
            pk=own_pk).exists():
        errors["name"] = _("%(constituency)s already has a voting area named %(name)s.") % {
            "constituency": constituency.name, "name": values["name"]}
    organizer = constituency.body.election.organizer
    if not unit.path.startswith(organizer.path):
        errors["unit"] = _("%(unit)s is not under %(organizer)s, which organizes this election.") % {
            "unit": unit.display_name, "organizer": organizer.display_name}
    else:
        covered = list(constituency.units.all())
        if covered and unit not in covered:
            errors["unit"] = _("%(unit)s is not covered by %(constituency)s.") % {
                "unit": unit.display_name, "constituency": constituency.name}
    return errors, values


@transaction.atomic
def add_voting_area(*, actor, constituency: Constituency, unit: OrgUnit, name: str, voters) -> VotingArea:
    if actor is not None:
        require_role_on(actor, constituency.body.election.organizer, Role.APPROVER)
    errors, values = _area_errors(constituency, unit=unit, name=name, voters=voters)
    if errors:
        raise ValidationError(errors)
    area = VotingArea(constituency=constituency, unit=unit, **values)
    area.full_clean()
    area.save()
    return area


@transaction.atomic
def update_voting_area(area: VotingArea, *, actor, expected_version: int | None, constituency: Constituency,
                       unit: OrgUnit, name: str, voters) -> VotingArea:
    """Correct a voting area. Once it has reported turnout or a result it stays in its
    constituency and unit, and its voters cannot fall below those who already voted."""
    area = VotingArea.objects.select_for_update().select_related(
        "constituency__body__election__organizer", "unit").get(pk=area.pk)
    if actor is not None:
        require_role_on(actor, area.constituency.body.election.organizer, Role.APPROVER)
    check_version(area, expected_version)
    errors = {}
    if constituency.body_id != area.constituency.body_id:
        errors["constituency"] = _("Choose a constituency of %(body)s.") % {"body": area.constituency.body}
    area_errors, values = _area_errors(constituency, unit=unit, name=name, voters=voters, own_pk=area.pk)
    errors = {**area_errors, **errors}
    reports = area.turnout_reports.exclude(state=ValueState.RETURNED)
    result = AreaResult.objects.filter(area=area).first()
    if (constituency.pk != area.constituency_id or unit.pk != area.unit_id) and (reports.exists() or result):
        errors["constituency" if constituency.pk != area.constituency_id else "unit"] = _(
            "Turnout or a result was already reported for %(area)s: it stays where it is.") % {"area": area.name}
    if "voters" in values:
        voted = max([r.voted for r in reports] + [result.ballots_received if result else 0])
        if values["voters"] < voted:
            errors["voters"] = _("%(voted)s voters already voted in %(area)s; the list cannot hold fewer.") % {
                "voted": voted, "area": area.name}
    if errors:
        raise ValidationError(errors)
    area.constituency, area.unit = constituency, unit
    for name, value in values.items():
        setattr(area, name, value)
    area.full_clean()
    bump_version(area)
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


def _fact_errors(candidate: Candidate, day: datetime.date) -> dict:
    """The candidate's own facts, checked without the database."""
    errors = {}
    candidate.full_name = " ".join((candidate.full_name or "").split())
    if not candidate.full_name:
        errors["full_name"] = _("Enter the candidate's full name.")
    if not candidate.birth_year or not (day.year - 120 < candidate.birth_year <= day.year - 18):
        errors["birth_year"] = _("A candidate is at least 18 years old on election day (%(day)s).") % {
            "day": day.strftime("%d/%m/%Y")}
    candidate.ethnicity = (candidate.ethnicity or "").strip()
    if not candidate.ethnicity:
        errors["ethnicity"] = _("Enter the candidate's ethnicity.")
    candidate.occupation = (candidate.occupation or "").strip()
    if not candidate.occupation:
        errors["occupation"] = _("Enter the candidate's occupation and position.")
    if candidate.sex not in Sex.values:
        errors["sex"] = _("Sex must be “male” or “female” (Nam / Nữ).")
    if candidate.nomination not in Nomination.values:
        errors["nomination"] = _("Nomination must be “nominated” or “self-nominated” (Giới thiệu / Tự ứng cử).")
    return errors


def _twin_message(candidate: Candidate, constituency_name: str) -> str:
    return _(
        "%(name)s (born %(year)s) is already a candidate in %(constituency)s; a person stands in only "
        "one constituency of the same body."
    ) % {"name": candidate.full_name, "year": candidate.birth_year, "constituency": constituency_name}


def _validate_candidate(candidate: Candidate) -> None:
    errors = _fact_errors(candidate, candidate.constituency.body.election.election_day)
    if not errors:
        twin = _same_person(candidate).first()
        if twin is not None:
            errors["full_name"] = _twin_message(candidate, twin.constituency.name)
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


@dataclass
class CandidateRow:
    """One candidate read from a row of an import file. ``row`` is the row's number as the
    spreadsheet shows it; ``problems`` maps a field to what could not be read from its cell."""

    row: int
    constituency_number: int | None
    full_name: str
    birth_year: int | None
    sex: str
    ethnicity: str
    occupation: str
    is_party_member: bool | None
    nomination: str
    problems: dict = field(default_factory=dict)


MAJORITY_ETHNICITY = "kinh"
MAX_IMPORT_ROWS = 2000


def is_ethnic_minority(ethnicity: str) -> bool:
    """Every ethnicity but the Kinh majority is an ethnic minority."""
    return " ".join((ethnicity or "").split()).casefold() not in ("", MAJORITY_ETHNICITY)


@transaction.atomic
def import_candidates(*, actor, body: Body, rows: list[CandidateRow], is_demo: bool = False) -> list[Candidate]:
    """Add the candidates of ``rows`` to the constituencies of ``body``, found by their number:
    all of them or none. Raises ``RowErrors`` listing the problems row by row.
    A candidate goes at the end of the constituency's list, in the order of the file."""
    if actor is not None:
        require_role_on(actor, body.election.organizer, Role.APPROVER)
    if not rows:
        raise ValidationError(_("The file has no candidate rows under the header."))
    if len(rows) > MAX_IMPORT_ROWS:
        raise ValidationError(_("The file has more than %(max)s candidates; split it.") % {"max": MAX_IMPORT_ROWS})
    constituencies = {c.number: c for c in Constituency.objects.select_for_update().filter(body=body)}
    on_lists = Candidate.objects.filter(constituency__body=body)
    existing: dict = {}
    for full_name, year, where in on_lists.values_list("full_name", "birth_year", "constituency__name"):
        existing.setdefault((full_name.casefold(), year), where)
    last = dict(on_lists.values("constituency").order_by().annotate(last=Max("list_order"))
                .values_list("constituency", "last"))
    day = body.election.election_day
    seen: dict = {}
    problems, made = [], []
    for r in rows:
        found = dict(r.problems)
        constituency = constituencies.get(r.constituency_number)
        if "constituency_number" not in found:
            if r.constituency_number is None:
                found["constituency_number"] = _("The constituency number is missing.")
            elif constituency is None:
                found["constituency_number"] = _("There is no constituency number %(number)s in %(body)s.") % {
                    "number": r.constituency_number, "body": body}
        if r.is_party_member is None and "is_party_member" not in found:
            found["is_party_member"] = _("Party member: write “Có” (yes) or “Không” (no).")
        candidate = Candidate(constituency=constituency, full_name=r.full_name, birth_year=r.birth_year, sex=r.sex,
                              ethnicity=r.ethnicity, is_ethnic_minority=is_ethnic_minority(r.ethnicity),
                              occupation=r.occupation, is_party_member=bool(r.is_party_member),
                              nomination=r.nomination, is_demo=is_demo)
        for name, message in _fact_errors(candidate, day).items():
            found.setdefault(name, message)
        try:  # lengths and the like, as the model states them (no query per row)
            candidate.clean_fields(exclude=["constituency", *found])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                found.setdefault(name, " ".join(messages))
        if "full_name" not in found and "birth_year" not in found:
            key = (candidate.full_name.casefold(), candidate.birth_year)
            if key in existing:
                found["full_name"] = _twin_message(candidate, existing[key])
            elif key in seen:
                found["full_name"] = _("%(name)s (born %(year)s) is already on row %(row)s of this file; a person "
                                       "stands in only one constituency of the same body.") % {
                    "name": candidate.full_name, "year": candidate.birth_year, "row": seen[key]}
            else:
                seen[key] = r.row
        problems += [_("Row %(row)s: %(message)s") % {"row": r.row, "message": m} for m in found.values()]
        if not found:
            last[constituency.pk] = last.get(constituency.pk, 0) + 1
            candidate.list_order = last[constituency.pk]
            made.append(candidate)
    if problems:
        raise RowErrors(problems)
    return bulk_create_with_history(made, Candidate, default_user=actor)


def _share(raw, field: str) -> Decimal:
    """A share in %: a number from 0 to 100 ("35,5" accepted)."""
    from mandate.targets.services import to_decimal

    value = to_decimal(raw, field)
    if value is None or not 0 <= value <= 100:
        raise ValidationError({field: _("Enter a share between 0 and 100 %.")}, code="invalid")
    return value


@transaction.atomic
def set_structure_target(*, actor, body: Body, attribute: str, min_percent) -> StructureTarget:
    if actor is not None:
        require_role_on(actor, body.election.organizer, Role.APPROVER)
    value = _share(min_percent, "min_percent")
    target, created = StructureTarget.objects.select_for_update().get_or_create(
        body=body, attribute=attribute, defaults={"min_percent": value})
    if not created:
        target.min_percent = value
        bump_version(target)
    target.full_clean()
    target.save()
    return target


# --- The election's rules, as data -------------------------------------------------------

# Rule numbers that are whole numbers, with their bounds.
WHOLE_RULES = {"extra_candidates": (0, 100), "extra_candidates_large": (0, 100), "large_from_seats": (2, 1000),
               "young_age": (18, 120)}
PERCENT_RULES = ("majority_percent", "min_turnout_percent")
# Rules the count applies: fixed once a voting area has sent its result.
COUNTING_RULES = ("majority_percent", "min_turnout_percent", "tie_break_older")
RULE_FIELDS = (*WHOLE_RULES, *PERCENT_RULES, "tie_break_older")


def targets_stamp(election: Election) -> str:
    """The election's structure targets as they stand (ids and versions). A page that edits them
    sends it back, so that a change made meanwhile is refused rather than overwritten."""
    rows = StructureTarget.objects.filter(body__election=election).order_by("pk").values_list("pk", "version")
    return ",".join(f"{pk}.{version}" for pk, version in rows)


def target_field(body_id: int, attribute: str) -> str:
    return f"target_{body_id}_{attribute}"


def _rule_values(rules: dict) -> tuple[dict, dict]:
    values, errors = {}, {}
    for name, (low, high) in WHOLE_RULES.items():
        if name not in rules:
            continue
        try:
            value = _count(rules[name], name)
        except ValidationError as exc:
            errors.update(exc.error_dict)
            continue
        if not low <= value <= high:
            errors[name] = _("Enter a whole number from %(low)s to %(high)s.") % {"low": low, "high": high}
        values[name] = value
    for name in PERCENT_RULES:
        if name in rules:
            try:
                values[name] = _share(rules[name], name)
            except ValidationError as exc:
                errors.update(exc.error_dict)
    if "tie_break_older" in rules:
        values["tie_break_older"] = bool(rules["tie_break_older"])
    unknown = set(rules) - set(RULE_FIELDS)
    if unknown:
        errors[NON_FIELD_ERRORS] = _("These fields cannot be set here: %(fields)s.") % {
            "fields": ", ".join(sorted(unknown))}
    return values, errors


@transaction.atomic
def update_rules(election: Election, *, actor, expected_version: int | None, rules: dict, targets: dict | None = None,
                 expected_targets: str | None = None) -> Election:
    """Change the election's rule numbers (``rules``: field → value) and its bodies' structure
    targets (``targets``: (body id, attribute) → share in %, or empty for no target) together.
    Refused when the election or its targets changed since the page was read
    (``expected_version``, ``expected_targets`` from ``targets_stamp``), and for the rules of
    the count once a voting area has sent its result. Every change keeps its history."""
    election = Election.objects.select_for_update().select_related("organizer").get(pk=election.pk)
    if actor is not None:
        require_role_on(actor, election.organizer, Role.APPROVER)
    check_version(election, expected_version)
    current = {(t.body_id, t.attribute): t for t in
               StructureTarget.objects.select_for_update().filter(body__election=election).order_by("pk")}
    if expected_targets is not None and expected_targets != targets_stamp(election):
        raise ConflictError(_("Someone else changed the structure targets while you were editing them. Reload the "
                              "page to see their change; nothing of theirs was overwritten."), code="conflict")
    values, errors = _rule_values(rules)
    changed = [name for name, value in values.items() if getattr(election, name) != value]
    counting = [name for name in changed if name in COUNTING_RULES]
    if counting and AreaResult.objects.filter(area__constituency__body__election=election).exists():
        for name in counting:
            errors[name] = _("Voting areas have already sent results counted under this rule; it can no "
                             "longer change for this election.")
    bodies = set(election.bodies.values_list("pk", flat=True))
    shares = {}
    for (body_id, attribute), raw in (targets or {}).items():
        name = target_field(body_id, attribute)
        if body_id not in bodies or attribute not in StructureAttribute.values:
            errors[NON_FIELD_ERRORS] = _("Choose a body of this election and one of the structure targets.")
            continue
        if raw is None or str(raw).strip() == "":
            shares[(body_id, attribute)] = None
            continue
        try:
            shares[(body_id, attribute)] = _share(raw, name)
        except ValidationError as exc:
            errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    touched = False
    for key, share in shares.items():
        target = current.get(key)
        if share is None:
            if target is not None:
                target.delete()
                touched = True
        elif target is None:
            StructureTarget.objects.create(body_id=key[0], attribute=key[1], min_percent=share)
            touched = True
        elif target.min_percent != share:
            target.min_percent = share
            bump_version(target)
            target.save()
            touched = True
    if changed or touched:
        for name in changed:
            setattr(election, name, values[name])
        election.full_clean()
        bump_version(election)
        election.save()
    return election


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
