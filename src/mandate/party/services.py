"""Writes of the party app. Each function checks the actor's role through
``accounts.access``, validates with messages in the user's language, writes in one
transaction and leaves history (simple-history on the edited models, events for members).
``actor=None`` is the system (the demo loader and tests' builders)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mandate.accounts.access import has_role_on, require_role_on
from mandate.accounts.models import Role
from mandate.core.services import bump_version, check_version
from mandate.core.uploads import RowErrors
from mandate.orgs.models import OrgUnit, UnitKind

from . import rules
from .models import (
    ACTIVE_STATUSES,
    MEMBER_ONLY,
    ORG_ONLY,
    CampaignState,
    CorruptionCase,
    Defendant,
    Discipline,
    DisciplineForm,
    EventKind,
    Inspection,
    MemberEvent,
    MemberRating,
    MemberStatus,
    MemberStint,
    OrgRating,
    PartyMember,
    PersonalDataExport,
    QuotaRefusal,
    RatingCampaign,
    RatingRuleSet,
    RatingStage,
    Sex,
    SubjectType,
)
from .reference import standard_rule_set

PARTY_ORG_KINDS = (UnitKind.PARTY_ORGANIZATION, UnitKind.PARTY_CELL)
EXIT_STATUS = {EventKind.TRANSFERRED_OUT: MemberStatus.TRANSFERRED_OUT, EventKind.DECEASED: MemberStatus.DECEASED,
               EventKind.EXPELLED: MemberStatus.EXPELLED}


def _check(actor, unit: OrgUnit, role: str) -> None:
    if actor is not None:
        require_role_on(actor, unit, role)


def _day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def _check_party_org(unit: OrgUnit, day: datetime.date, field: str = "org_unit") -> None:
    if unit.kind not in PARTY_ORG_KINDS:
        raise ValidationError({field: _("%(unit)s is not a Party organization or Party cell.")
                               % {"unit": unit.display_name}}, code="not_party_org")
    if not unit.is_valid_on(day):
        raise ValidationError({field: _("%(unit)s did not exist on %(day)s.")
                               % {"unit": unit.display_name, "day": _day(day)}}, code="unit_not_existing")


# ---- members ----------------------------------------------------------------------------

@dataclass
class MemberRow:
    """One member to admit or take in, as typed on a form or read from a spreadsheet row."""

    code: str
    full_name: str
    birth_year: int | None
    sex: str
    ethnicity: str
    admitted_on: datetime.date | None
    official_on: datetime.date | None = None
    decision_number: str = ""
    joined_on: datetime.date | None = None  # transferred in on this day (admitted elsewhere earlier)
    joined_decision: str = ""


def _joined_on(row: MemberRow, org_unit: OrgUnit) -> datetime.date | None:
    """The day the member entered ``org_unit``: given, or the day the organization was
    formed when the member was admitted before it existed (admitted elsewhere)."""
    if row.joined_on:
        return row.joined_on
    if row.admitted_on and org_unit.valid_from and row.admitted_on < org_unit.valid_from:
        return org_unit.valid_from
    return None


def row_errors(row: MemberRow, org_unit: OrgUnit, seen_codes: set[str], existing_codes: set[str]) -> list[str]:
    errors = []
    if not row.code:
        errors.append(_("The member code is missing."))
    elif row.code in seen_codes:
        errors.append(_("The member code %(code)s appears twice in the file.") % {"code": row.code})
    elif row.code in existing_codes:
        errors.append(_("A member with code %(code)s is already recorded.") % {"code": row.code})
    if not row.full_name:
        errors.append(_("The full name is missing."))
    this_year = timezone.localdate().year
    if row.birth_year is None or not (1900 <= row.birth_year <= this_year - 16):
        errors.append(_("The year of birth must be a year between 1900 and %(year)s.") % {"year": this_year - 16})
    if row.sex not in Sex.values:
        errors.append(_("Sex must be “male” or “female” (Nam / Nữ)."))
    if row.admitted_on is None:
        errors.append(_("The date of admission is missing or not a date (dd/mm/yyyy)."))
    else:
        if row.birth_year and row.admitted_on.year - row.birth_year < 18:
            errors.append(_("A member is admitted at 18 or older; admitted in %(year)s, born in %(born)s.")
                          % {"year": row.admitted_on.year, "born": row.birth_year})
        if row.official_on and row.official_on <= row.admitted_on:
            errors.append(_("The date made official must be after the date of admission."))
        start = row.joined_on or _joined_on(row, org_unit) or row.admitted_on
        if row.joined_on and row.joined_on < row.admitted_on:
            errors.append(_("A member cannot be transferred in before being admitted."))
        if not org_unit.is_valid_on(start):
            errors.append(_("%(unit)s did not exist on %(day)s.") % {"unit": org_unit.display_name,
                                                                    "day": _day(start)})
    return errors


@transaction.atomic
def add_members(*, actor, org_unit: OrgUnit, rows: list[MemberRow], is_demo: bool = False) -> list[PartyMember]:
    """Admit (or take in) the members of ``rows`` into ``org_unit``: all of them or none.
    Raises a ValidationError listing the errors row by row (numbered from 1)."""
    _check(actor, org_unit, Role.REPORTER)
    if org_unit.kind not in PARTY_ORG_KINDS:
        raise ValidationError({"org_unit": _("%(unit)s is not a Party organization or Party cell.")
                               % {"unit": org_unit.display_name}})
    codes = [r.code for r in rows if r.code]
    existing = set(PartyMember.objects.filter(code__in=codes).values_list("code", flat=True))
    seen: set[str] = set()
    problems = []
    for number, row in enumerate(rows, start=1):
        for message in row_errors(row, org_unit, seen, existing):
            problems.append(_("Row %(row)s: %(message)s") % {"row": number, "message": message})
        seen.add(row.code)
    if problems:
        raise RowErrors(problems)
    members = PartyMember.objects.bulk_create([
        PartyMember(code=r.code, full_name=r.full_name.strip(), birth_year=r.birth_year, sex=r.sex,
                    ethnicity=r.ethnicity.strip(), org_unit=org_unit, admitted_on=r.admitted_on,
                    official_on=r.official_on, is_demo=is_demo,
                    status=MemberStatus.OFFICIAL if r.official_on else MemberStatus.PROBATIONARY)
        for r in rows])
    if any(m.pk is None for m in members):  # backends that do not return ids
        members = list(PartyMember.objects.filter(code__in=codes).order_by("pk"))
    by_code = {m.code: m for m in members}
    events, stints = [], []
    for r in rows:
        m = by_code[r.code]
        r.joined_on = _joined_on(r, org_unit)
        if r.joined_on:
            events.append(MemberEvent(member=m, kind=EventKind.TRANSFERRED_IN, on=r.joined_on, org_unit=org_unit,
                                      decision_number=r.joined_decision, recorded_by=actor, is_demo=is_demo))
        else:
            events.append(MemberEvent(member=m, kind=EventKind.ADMITTED, on=r.admitted_on, org_unit=org_unit,
                                      decision_number=r.decision_number, recorded_by=actor, is_demo=is_demo))
        if r.official_on and not r.joined_on:
            events.append(MemberEvent(member=m, kind=EventKind.MADE_OFFICIAL, on=r.official_on, org_unit=org_unit,
                                      recorded_by=actor, is_demo=is_demo))
        stints.append(MemberStint(member=m, org_unit=org_unit, start=r.joined_on or r.admitted_on))
    MemberEvent.objects.bulk_create(events)
    MemberStint.objects.bulk_create(stints)
    return members


def admit_member(*, actor, org_unit: OrgUnit, is_demo: bool = False, **fields) -> PartyMember:
    return add_members(actor=actor, org_unit=org_unit, rows=[MemberRow(**fields)], is_demo=is_demo)[0]


def _locked_member(member: PartyMember, expected_version: int | None) -> PartyMember:
    member = PartyMember.objects.select_for_update().select_related("org_unit").get(pk=member.pk)
    check_version(member, expected_version)
    if member.status not in ACTIVE_STATUSES:
        raise ValidationError(_("%(name)s is no longer a member here (%(status)s).")
                              % {"name": member.full_name, "status": member.get_status_display()}, code="conflict")
    return member


def _current_stint(member: PartyMember) -> MemberStint:
    return MemberStint.objects.select_for_update().filter(member=member, end__isnull=True).latest("start")


@transaction.atomic
def make_official(member: PartyMember, *, actor, on: datetime.date, decision_number: str = "",
                  expected_version: int | None = None) -> PartyMember:
    member = _locked_member(member, expected_version)
    _check(actor, member.org_unit, Role.REPORTER)
    if member.status != MemberStatus.PROBATIONARY:
        raise ValidationError(_("%(name)s is already an official member.") % {"name": member.full_name},
                              code="conflict")
    if on <= member.admitted_on:
        raise ValidationError({"on": _("The date made official must be after the date of admission.")})
    MemberEvent.objects.create(member=member, kind=EventKind.MADE_OFFICIAL, on=on, org_unit=member.org_unit,
                               decision_number=decision_number, recorded_by=actor, is_demo=member.is_demo)
    member.official_on, member.status = on, MemberStatus.OFFICIAL
    bump_version(member)
    member.save()
    return member


@transaction.atomic
def transfer_member(member: PartyMember, *, actor, to_unit: OrgUnit, on: datetime.date, decision_number: str = "",
                    expected_version: int | None = None) -> PartyMember:
    """Move a member to another organization from ``on``; the old stint is kept."""
    member = _locked_member(member, expected_version)
    _check(actor, member.org_unit, Role.REPORTER)
    if actor is not None and not has_role_on(actor, to_unit, Role.REPORTER):
        require_role_on(actor, to_unit, Role.VIEWER)
    if to_unit.pk == member.org_unit_id:
        raise ValidationError({"to_unit": _("The member already belongs to %(unit)s.")
                               % {"unit": to_unit.display_name}})
    _check_party_org(to_unit, on, "to_unit")
    stint = _current_stint(member)
    if on <= stint.start:
        raise ValidationError({"on": _("The transfer must be after %(day)s, when the member joined %(unit)s.")
                               % {"day": _day(stint.start), "unit": member.org_unit.display_name}})
    stint.end = on
    stint.save(update_fields=["end"])
    MemberStint.objects.create(member=member, org_unit=to_unit, start=on)
    MemberEvent.objects.create(member=member, kind=EventKind.TRANSFERRED, on=on, org_unit=to_unit,
                               from_unit=member.org_unit, decision_number=decision_number, recorded_by=actor,
                               is_demo=member.is_demo)
    member.org_unit = to_unit
    bump_version(member)
    member.save()
    return member


@transaction.atomic
def transfer_all(*, actor, from_unit: OrgUnit, to_unit: OrgUnit, on: datetime.date, decision_number: str = "") -> int:
    """Every member of ``from_unit`` moves to ``to_unit`` (a merger of organizations)."""
    members = PartyMember.objects.filter(org_unit=from_unit, status__in=ACTIVE_STATUSES)
    count = 0
    for member in members:
        transfer_member(member, actor=actor, to_unit=to_unit, on=on, decision_number=decision_number)
        count += 1
    return count


@transaction.atomic
def record_exit(member: PartyMember, *, actor, kind: str, on: datetime.date, decision_number: str = "",
                note: str = "", expected_version: int | None = None) -> PartyMember:
    if kind not in EXIT_STATUS:
        raise ValidationError({"kind": _("Choose how the member left: transferred out, deceased or expelled.")})
    member = _locked_member(member, expected_version)
    _check(actor, member.org_unit, Role.REPORTER)
    stint = _current_stint(member)
    if on <= stint.start:
        raise ValidationError({"on": _("The date must be after %(day)s, when the member joined %(unit)s.")
                               % {"day": _day(stint.start), "unit": member.org_unit.display_name}})
    stint.end = on
    stint.save(update_fields=["end"])
    MemberEvent.objects.create(member=member, kind=kind, on=on, org_unit=member.org_unit,
                               decision_number=decision_number, note=note, recorded_by=actor,
                               is_demo=member.is_demo)
    member.status = EXIT_STATUS[kind]
    bump_version(member)
    member.save()
    return member


def may_link_user(actor, member: PartyMember) -> bool:
    """Linking a member to an account opens the member's record to that account: it is
    done by an approver of a committee that may read the member's name (the privacy rule
    of ``queries``), not by every administrator above the organization."""
    from .queries import can_see_names

    return has_role_on(actor, member.org_unit, Role.APPROVER) and can_see_names(actor, member.org_unit)


@transaction.atomic
def link_user(member: PartyMember, *, actor, user, expected_version: int | None = None) -> PartyMember:
    """Let a user account see its own member record (``user=None`` unlinks)."""
    member = PartyMember.objects.select_for_update().select_related("org_unit").get(pk=member.pk)
    check_version(member, expected_version)
    if actor is not None and not may_link_user(actor, member):
        raise PermissionDenied(_("Only the Party committee of %(unit)s links its members to user accounts.")
                               % {"unit": member.org_unit.display_name})
    if user is not None and not user.is_active:
        raise ValidationError({"user": _("The account %(username)s is deactivated.")
                               % {"username": user.get_username()}})
    if user is not None and PartyMember.objects.filter(user=user).exclude(pk=member.pk).exists():
        raise ValidationError({"user": _("This account is already linked to another member.")})
    if user is None and member.user_id is None:
        raise ValidationError(_("The member is not linked to an account."), code="conflict")
    member.user = user
    bump_version(member)
    member.save()
    return member


# ---- rating campaigns ---------------------------------------------------------------------

def _check_target(target, year: int, field: str) -> None:
    if target is None:
        return
    if not (target.period_start.year <= year <= target.period_end.year):
        raise ValidationError({field: _("The target %(indicator)s (%(period)s) does not cover %(year)s.")
                               % {"indicator": target.indicator, "period": target.period_label, "year": year}})


@transaction.atomic
def open_campaign(*, actor, org_unit: OrgUnit, year: int, rule_set: RatingRuleSet | None = None,
                  reference_date: datetime.date | None = None, member_target=None, org_target=None,
                  four_good_target=None, is_demo: bool = False) -> RatingCampaign:
    """Open the year's rating: one rating row per member belonging to an organization under
    ``org_unit`` on the reference day, one per organization. Set-based."""
    _check(actor, org_unit, Role.APPROVER)
    if rule_set is None:
        rule_set = standard_rule_set()
    reference_date = reference_date or datetime.date(year, 12, 31)
    if RatingCampaign.objects.filter(org_unit=org_unit, year=year).exists():
        raise ValidationError({"year": _("%(unit)s already has a rating campaign for %(year)s.")
                               % {"unit": org_unit.display_name, "year": year}})
    for name, target in (("member_target", member_target), ("org_target", org_target),
                         ("four_good_target", four_good_target)):
        _check_target(target, year, name)
    campaign = RatingCampaign.objects.create(
        year=year, org_unit=org_unit, rule_set=rule_set, reference_date=reference_date, member_target=member_target,
        org_target=org_target, four_good_target=four_good_target, is_demo=is_demo)
    from .queries import active_stints

    stints = active_stints(reference_date).filter(org_unit__path__startswith=org_unit.path,
                                                  member__admitted_on__lte=reference_date)
    MemberRating.objects.bulk_create([
        MemberRating(campaign=campaign, member_id=member_id, org_unit_id=unit_id, is_demo=is_demo)
        for member_id, unit_id in stints.values_list("member_id", "org_unit_id")], batch_size=2000)
    orgs = OrgUnit.objects.valid_on(reference_date).filter(path__startswith=org_unit.path, kind__in=PARTY_ORG_KINDS)
    OrgRating.objects.bulk_create([OrgRating(campaign=campaign, org_unit=u, is_demo=is_demo) for u in orgs])
    return campaign


def _open(campaign: RatingCampaign) -> RatingCampaign:
    campaign = RatingCampaign.objects.select_for_update().select_related("rule_set", "org_unit").get(pk=campaign.pk)
    if campaign.state != CampaignState.OPEN:
        raise ValidationError(_("The rating for %(year)s is closed; nothing was changed.") % {"year": campaign.year},
                              code="conflict")
    return campaign


def _valid_grade(campaign: RatingCampaign, grade: str | None, field: str = "grade") -> str:
    codes = campaign.rule_set.data().codes
    if grade not in codes:
        raise ValidationError({field: _("Choose one of the grades of %(rules)s.") % {"rules": campaign.rule_set.name}})
    return grade


@transaction.atomic
def self_assess(rating: MemberRating, *, actor, grade: str | None = None, points=None, note: str = "",
                expected_version: int | None = None) -> MemberRating:
    """The member's own assessment (by the member's account, or entered by the cell)."""
    rating = MemberRating.objects.select_for_update().select_related("member", "org_unit").get(pk=rating.pk)
    campaign = _open(rating.campaign)
    check_version(rating, expected_version)
    if actor is not None and not (rating.member.user_id == actor.pk):
        require_role_on(actor, rating.org_unit, Role.REPORTER)
    if rating.proposed_grade:
        raise ValidationError(_("The cell has already proposed a grade; the self-assessment can no longer change."),
                              code="conflict")
    if not grade and points not in (None, ""):
        grade = rules.grade_for_points(campaign.rule_set.data(), points)
    rating.self_grade = _valid_grade(campaign, grade)
    rating.self_points = points if points not in ("", None) else None
    rating.self_note, rating.self_at = note, timezone.now()
    bump_version(rating)
    rating.save()
    return rating


def _refuse(campaign, org_unit, stage, result: rules.QuotaResult, actor) -> None:
    QuotaRefusal.objects.create(campaign=campaign, org_unit=org_unit, stage=stage, excellent=result.excellent,
                                well_or_better=result.well_or_better, allowed=result.allowed, actor=actor,
                                is_demo=campaign.is_demo)
    raise ValidationError(result.message(), code="quota")


def _group_grades(campaign, org_unit, grades: Mapping[int, str], stage: str, actor):
    """Lock the group's ratings, apply ``grades`` (rating id → grade) in memory and check
    the order of stages and the quota over the whole group. Returns the changed rows."""
    ratings = list(MemberRating.objects.select_for_update().filter(campaign=campaign, org_unit=org_unit)
                   .select_related("member").order_by("pk"))
    by_id = {r.pk: r for r in ratings}
    unknown = set(map(int, grades)) - set(by_id)
    if unknown:
        raise ValidationError(_("Some of the ratings are not in %(unit)s for this campaign.")
                              % {"unit": org_unit.display_name})
    changed = []
    for rating_id, grade in grades.items():
        if not grade:
            continue
        rating = by_id[int(rating_id)]
        _valid_grade(campaign, grade)
        if stage == RatingStage.PROPOSAL:
            if not rating.self_grade:
                raise ValidationError(_("%(name)s has not made a self-assessment yet: the cell proposes after it.")
                                      % {"name": rating.member.full_name}, code="order")
            if rating.decided_grade:
                raise ValidationError(_("The committee has already decided on %(name)s.")
                                      % {"name": rating.member.full_name}, code="conflict")
            rating.proposed_grade = grade
        else:
            if not rating.proposed_grade:
                raise ValidationError(_("The cell has not proposed a grade for %(name)s yet: the committee decides "
                                        "after the proposal.") % {"name": rating.member.full_name}, code="order")
            rating.decided_grade = grade
        changed.append(rating)
    column = "proposed_grade" if stage == RatingStage.PROPOSAL else "decided_grade"
    result = rules.check_quota(campaign.rule_set.data(), [getattr(r, column) for r in ratings])
    return changed, result


def _save_group(ratings: list[MemberRating], fields: list[str], actor) -> None:
    """Save a group's ratings in a few queries (one UPDATE per distinct set of values, the
    version bumped in SQL), with their history rows."""
    now = timezone.now()
    values = [f for f in fields if f not in ("version", "updated_at")]
    batches: dict[tuple, list[int]] = {}
    for rating in ratings:
        rating.updated_at = now
        key = tuple(getattr(rating, f + "_id" if f.endswith("_by") else f) for f in values)
        batches.setdefault(key, []).append(rating.pk)
    for key, ids in batches.items():
        update = {(f + "_id" if f.endswith("_by") else f): v for f, v in zip(values, key, strict=True)}
        MemberRating.objects.filter(pk__in=ids).update(version=F("version") + 1, updated_at=now, **update)
    MemberRating.history.bulk_history_create(ratings, default_user=actor, default_date=now)


def self_assess_group(campaign: RatingCampaign, *, actor, org_unit: OrgUnit, grades: Mapping[int, str]) -> int:
    """Self-assessments of a group entered by the cell (members who assessed themselves on
    paper); a rating already proposed on keeps its self-assessment."""
    with transaction.atomic():
        campaign = _open(campaign)
        _check(actor, org_unit, Role.REPORTER)
        ratings = {r.pk: r for r in MemberRating.objects.select_for_update().filter(
            campaign=campaign, org_unit=org_unit, proposed_grade="")}
        now, changed = timezone.now(), []
        for rating_id, grade in grades.items():
            rating = ratings.get(int(rating_id))
            if rating is None or not grade:
                continue
            rating.self_grade, rating.self_at = _valid_grade(campaign, grade), now
            bump_version(rating)
            changed.append(rating)
        _save_group(changed, ["self_grade", "self_at", "version", "updated_at"], actor)
        return len(changed)


def propose_group(campaign: RatingCampaign, *, actor, org_unit: OrgUnit, grades: Mapping[int, str]) -> int:
    """The cell's proposal for its members. Refused, with the figures, when the proposed
    "excellent" grades exceed the quota; the refusal is kept, the grades are not."""
    with transaction.atomic():
        campaign = _open(campaign)
        _check(actor, org_unit, Role.REPORTER)
        changed, result = _group_grades(campaign, org_unit, grades, RatingStage.PROPOSAL, actor)
        if result.ok:
            now = timezone.now()
            for rating in changed:
                rating.proposed_at, rating.proposed_by = now, actor
                bump_version(rating)
            _save_group(changed, ["proposed_grade", "proposed_at", "proposed_by", "version", "updated_at"], actor)
            return len(changed)
    _refuse(campaign, org_unit, RatingStage.PROPOSAL, result, actor)
    return 0


def decide_group(campaign: RatingCampaign, *, actor, org_unit: OrgUnit, grades: Mapping[int, str]) -> int:
    """The committee's decision for one rating group (an organization's members)."""
    with transaction.atomic():
        campaign = _open(campaign)
        _check(actor, campaign.org_unit, Role.APPROVER)
        changed, result = _group_grades(campaign, org_unit, grades, RatingStage.DECISION, actor)
        if result.ok:
            now = timezone.now()
            for rating in changed:
                rating.decided_at, rating.decided_by = now, actor
                bump_version(rating)
            _save_group(changed, ["decided_grade", "decided_at", "decided_by", "version", "updated_at"], actor)
            return len(changed)
    _refuse(campaign, org_unit, RatingStage.DECISION, result, actor)
    return 0


def rate_organizations(campaign: RatingCampaign, *, actor, decisions: Mapping[int, tuple[str, bool]],
                       self_grades: Mapping[int, str] | None = None) -> int:
    """The committee's decision on its organizations (org rating id → (grade, meets 4-good)).
    The same quota holds over all organizations of the campaign."""
    with transaction.atomic():
        campaign = _open(campaign)
        _check(actor, campaign.org_unit, Role.APPROVER)
        ratings = list(OrgRating.objects.select_for_update().filter(campaign=campaign).order_by("pk"))
        by_id = {r.pk: r for r in ratings}
        changed = []
        for rating_id, (grade, four_good) in decisions.items():
            rating = by_id.get(int(rating_id))
            if rating is None:
                raise ValidationError(_("Some of the ratings are not in this campaign."))
            rating.decided_grade = _valid_grade(campaign, grade)
            rating.four_good = bool(four_good)
            if self_grades and self_grades.get(rating_id):
                rating.self_grade = _valid_grade(campaign, self_grades[rating_id])
            changed.append(rating)
        result = rules.check_quota(campaign.rule_set.data(), [r.decided_grade for r in ratings])
        if result.ok:
            now = timezone.now()
            for rating in changed:
                rating.decided_at, rating.decided_by = now, actor
                bump_version(rating)
                rating.save()
            return len(changed)
    _refuse(campaign, campaign.org_unit, RatingStage.DECISION, result, actor)
    return 0


@transaction.atomic
def close_campaign(campaign: RatingCampaign, *, actor, expected_version: int | None = None,
                   decided_on: datetime.date | None = None) -> RatingCampaign:
    """Close the rating and write the approved shares into the linked targets' reported
    values, one per organization directly under the committee, entered, submitted and
    approved through ``targets.services`` (the normal approval)."""
    from mandate.targets import services as targets

    from .queries import rating_results

    campaign = _open(campaign)
    check_version(campaign, expected_version)
    _check(actor, campaign.org_unit, Role.APPROVER)
    undecided = campaign.member_ratings.filter(decided_grade="").count()
    undecided_orgs = campaign.org_ratings.filter(decided_grade="").count()
    if undecided or undecided_orgs:
        raise ValidationError(_("%(members)s members and %(orgs)s organizations have no decision yet.")
                              % {"members": undecided, "orgs": undecided_orgs}, code="undecided")
    members = [r for r in rating_results(campaign, campaign.org_unit) if r.unit.pk != campaign.org_unit_id]
    orgs = [r for r in rating_results(campaign, campaign.org_unit, organizations=True)
            if r.unit.pk != campaign.org_unit_id]
    period = str(campaign.year)
    for target, rows, value_of in ((campaign.member_target, members, lambda r: r.well_share),
                                   (campaign.org_target, orgs, lambda r: r.well_share),
                                   (campaign.four_good_target, orgs, lambda r: r.four_good_share)):
        if target is None:
            continue
        for row in rows:
            value = value_of(row)
            if value is None:
                continue
            rv = targets.enter_value(actor=actor, target=target, org_unit=row.unit, period=period, value=value,
                                     note=_("From the rating campaign %(year)s.") % {"year": campaign.year},
                                     submit=True, is_demo=campaign.is_demo)
            targets.approve_value(rv, actor=actor, expected_version=rv.version,
                                  comment=_("Approved with the rating results."))
    campaign.state, campaign.closed_at = CampaignState.CLOSED, timezone.now()
    bump_version(campaign)
    campaign.save()
    return campaign


# ---- inspection, discipline, cases -----------------------------------------------------------

def _subject(subject_org, subject_member) -> tuple[str, OrgUnit]:
    if bool(subject_org) == bool(subject_member):
        raise ValidationError({"subject_org": _("Choose either an organization or a member as the subject.")})
    if subject_member is not None:
        return SubjectType.MEMBER, subject_member.org_unit
    return SubjectType.ORGANIZATION, subject_org


@transaction.atomic
def record_inspection(*, actor, body: OrgUnit, level: str, kind: str, started_on: datetime.date,
                      ended_on: datetime.date, subject_org: OrgUnit | None = None,
                      subject_member: PartyMember | None = None, findings: str = "",
                      is_demo: bool = False) -> Inspection:
    _check(actor, body, Role.REPORTER)
    subject_type, org_unit = _subject(subject_org, subject_member)
    if ended_on < started_on:
        raise ValidationError({"ended_on": _("The end of the period cannot be before its start.")})
    inspection = Inspection(body=body, level=level, kind=kind, subject_type=subject_type, subject_org=subject_org,
                            subject_member=subject_member, org_unit=org_unit, started_on=started_on,
                            ended_on=ended_on, findings=findings, is_demo=is_demo)
    inspection.full_clean()
    inspection.save()
    return inspection


def _locked_inspection(inspection: Inspection, actor, expected_version: int | None) -> Inspection:
    inspection = Inspection.objects.select_for_update().select_related("body").get(pk=inspection.pk)
    check_version(inspection, expected_version)
    _check(actor, inspection.body, Role.REPORTER)
    return inspection


@transaction.atomic
def update_inspection(inspection: Inspection, *, actor, expected_version: int | None, body: OrgUnit, level: str,
                      kind: str, started_on: datetime.date, ended_on: datetime.date,
                      subject_org: OrgUnit | None = None, subject_member: PartyMember | None = None,
                      findings: str = "") -> Inspection:
    """Correct an inspection record; a new body must be one where the actor records too."""
    inspection = _locked_inspection(inspection, actor, expected_version)
    if body.pk != inspection.body_id:
        _check(actor, body, Role.REPORTER)
    subject_type, org_unit = _subject(subject_org, subject_member)
    if ended_on < started_on:
        raise ValidationError({"ended_on": _("The end of the period cannot be before its start.")})
    for name, value in (("body", body), ("level", level), ("kind", kind), ("subject_type", subject_type),
                        ("subject_org", subject_org), ("subject_member", subject_member), ("org_unit", org_unit),
                        ("started_on", started_on), ("ended_on", ended_on), ("findings", findings)):
        setattr(inspection, name, value)
    inspection.full_clean()
    bump_version(inspection)
    inspection.save()
    return inspection


@transaction.atomic
def delete_inspection(inspection: Inspection, *, actor, expected_version: int | None) -> None:
    """Delete an inspection recorded by mistake (the history keeps it). One that a
    discipline follows stays: the discipline would lose what it was decided on."""
    inspection = _locked_inspection(inspection, actor, expected_version)
    followed = inspection.disciplines.count()
    if followed:
        raise ValidationError(_("This inspection cannot be deleted: %(count)s disciplines were decided following "
                                "it.") % {"count": followed}, code="protected")
    inspection.delete()


@transaction.atomic
def record_discipline(*, actor, body: OrgUnit, level: str, form: str, decided_on: datetime.date,
                      subject_org: OrgUnit | None = None, subject_member: PartyMember | None = None,
                      decision_number: str = "", reason: str = "", inspection: Inspection | None = None,
                      is_demo: bool = False) -> Discipline:
    """A discipline; an expulsion also ends the member's membership (an exit event)."""
    _check(actor, body, Role.APPROVER)
    subject_type, org_unit = _subject(subject_org, subject_member)
    if subject_type == SubjectType.MEMBER and form in ORG_ONLY:
        raise ValidationError({"form": _("Dissolution applies to organizations, not to members.")})
    if subject_type == SubjectType.ORGANIZATION and form in MEMBER_ONLY:
        raise ValidationError({"form": _("Dismissal and expulsion apply to members, not to organizations.")})
    discipline = Discipline(body=body, level=level, form=form, subject_type=subject_type, subject_org=subject_org,
                            subject_member=subject_member, org_unit=org_unit, decided_on=decided_on,
                            decision_number=decision_number, reason=reason, inspection=inspection, is_demo=is_demo)
    discipline.full_clean()
    discipline.save()
    if form == DisciplineForm.EXPULSION and subject_member.status in ACTIVE_STATUSES:
        record_exit(subject_member, actor=None, kind=EventKind.EXPELLED, on=decided_on,
                    decision_number=decision_number)
    return discipline


def _check_case_writer(actor, org_unit: OrgUnit) -> None:
    from .queries import may_record_cases

    if actor is not None and not may_record_cases(actor, org_unit):
        raise PermissionDenied(_("Cases under %(unit)s are recorded by its Party committee or the inspection "
                                 "committee serving it.") % {"unit": org_unit.display_name})


def _defendants(defendants: Iterable[tuple[str, str]], defendant_count: int | None) -> tuple[list, int]:
    """The named defendants and the number of defendants (given, or the number of names)."""
    named = [(name.strip(), (position or "").strip()) for name, position in defendants if (name or "").strip()]
    count = len(named) if defendant_count is None else defendant_count
    if count < 0:
        raise ValidationError({"defendant_count": _("The number of defendants cannot be negative.")})
    if len(named) > count:
        raise ValidationError({"defendants": _("%(names)s names are listed for %(count)s defendants: correct the "
                                               "number or the list.") % {"names": len(named), "count": count}})
    return named, count


def _write_defendants(case: CorruptionCase, named: list[tuple[str, str]], actor) -> None:
    from simple_history.utils import bulk_create_with_history

    bulk_create_with_history([Defendant(case=case, full_name=name, position=position, is_demo=case.is_demo)
                              for name, position in named], Defendant, default_user=actor)


@transaction.atomic
def record_case(*, actor, org_unit: OrgUnit, title: str, opened_on: datetime.date, kind: str = "case",
                level: str = "provincial", steering_monitored: bool = False,
                defendants: Iterable[tuple[str, str]] = (), defendant_count: int | None = None,
                is_demo: bool = False) -> CorruptionCase:
    """A case with its number of defendants and those of them whose names are known."""
    _check_case_writer(actor, org_unit)
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the case a title.")})
    named, count = _defendants(defendants, defendant_count)
    case = CorruptionCase(title=title.strip(), org_unit=org_unit, opened_on=opened_on, kind=kind, level=level,
                          steering_monitored=steering_monitored, defendant_count=count, is_demo=is_demo)
    case.full_clean()
    case.save()
    _write_defendants(case, named, actor)
    return case


def _locked_case(case: CorruptionCase, actor, expected_version: int | None) -> CorruptionCase:
    case = CorruptionCase.objects.select_for_update().select_related("org_unit").get(pk=case.pk)
    check_version(case, expected_version)
    _check_case_writer(actor, case.org_unit)
    return case


@transaction.atomic
def update_case(case: CorruptionCase, *, actor, expected_version: int | None, org_unit: OrgUnit, title: str,
                opened_on: datetime.date, kind: str, level: str, steering_monitored: bool, defendant_count: int,
                defendants: Iterable[tuple[str, str]] | None = None) -> CorruptionCase:
    """Correct a case. ``defendants`` (when given) replaces the list of names; each
    defendant added or removed leaves a history row, as the case's own fields do."""
    case = _locked_case(case, actor, expected_version)
    if org_unit.pk != case.org_unit_id:
        _check_case_writer(actor, org_unit)
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the case a title.")})
    current = list(case.defendants.order_by("pk"))
    given = [(d.full_name, d.position) for d in current] if defendants is None else defendants
    named, count = _defendants(given, defendant_count)
    case.org_unit, case.title, case.opened_on, case.kind, case.level = org_unit, title.strip(), opened_on, kind, level
    case.steering_monitored, case.defendant_count = steering_monitored, count
    case.full_clean()
    bump_version(case)
    case.save()
    if named != [(d.full_name, d.position) for d in current]:
        for defendant in current:
            defendant.delete()
        _write_defendants(case, named, actor)
    return case


@transaction.atomic
def delete_case(case: CorruptionCase, *, actor, expected_version: int | None) -> None:
    """Delete a case recorded by mistake, with its defendants (the history keeps both)."""
    case = _locked_case(case, actor, expected_version)
    for defendant in case.defendants.all():
        defendant.delete()
    case.delete()


def log_export(user, *, what: str, org_unit: OrgUnit | None, rows: int, channel: str) -> PersonalDataExport:
    """Every export of personal data leaves a row: who, when, what."""
    return PersonalDataExport.objects.create(user=user if getattr(user, "pk", None) else None, what=what[:300],
                                             org_unit=org_unit, rows=rows, channel=channel)


__all__ = ["Q"]
