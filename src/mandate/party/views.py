"""Pages of Party building: members and counts, rating campaigns and their results, the
inspection term report. Names of members go only through ``queries.members_for`` and
``queries.can_see_names``; everyone else who may see a unit sees its counts."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mandate.accounts.access import has_role_on, membership_of, visible_units
from mandate.accounts.models import Role
from mandate.core.uploads import RowErrors
from mandate.orgs.models import OrgUnit
from mandate.projects.views import put_errors_on

from . import excel, queries, services
from .forms import (
    AccountLinkForm,
    CampaignForm,
    CaseForm,
    DisciplineForm,
    ImportForm,
    InspectionEditForm,
    InspectionForm,
    MemberActionForm,
    SelfAssessmentForm,
    VersionForm,
    defendants_text,
)
from .models import ACTIVE_STATUSES, CampaignState, MemberRating, OrgRating, PartyTerm, QuotaRefusal


def _root(request, default: OrgUnit | None = None) -> OrgUnit:
    """The unit the page is about: ``?unit=``, else ``default``, else the user's own unit
    when it is a Party unit, else the highest Party committee the user may see."""
    scope = queries.count_scope(request.user)
    raw = request.GET.get("unit")
    if raw:
        try:
            return scope.get(pk=int(raw))
        except (ValueError, OrgUnit.DoesNotExist):
            raise Http404 from None
    if default is not None:
        return default
    membership = membership_of(request.user)
    if membership and membership.org_unit.kind in queries.COMMITTEE_KINDS:
        return membership.org_unit
    unit = scope.filter(kind__in=queries.COMMITTEE_KINDS).order_by("depth", "path").first()
    if unit is None:
        raise Http404(_("There is no Party organization in your part of the organization."))
    return unit


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def home(request):
    root = _root(request)
    day = request.as_of
    counts = list(queries.member_counts(root, day, request.user))
    first = day.year - 4
    admissions = queries.admissions_per_year(root, first, day.year)
    goals = queries.admission_targets(root, first, day.year)
    admission_rows = [(year, n, goals.get(year)) for year, n in admissions.items()]
    return render(request, "party/home.html", {
        "root": root, "counts": counts, "admission_rows": admission_rows,
        "names_visible": queries.can_see_names(request.user, root),
        "counts_only": queries.counts_only_reason(request.user, root),
        "own_member": queries.members_for(request.user).filter(user=request.user).first()
        if request.user.is_authenticated else None,
        "ancestors": OrgUnit.objects.ancestors_of(root, include_self=False).filter(
            pk__in=queries.count_scope(request.user).values("pk")),
    })


@login_required
def counts_export(request):
    root = _root(request)
    rows = list(queries.member_counts(root, request.as_of, request.user))
    return _xlsx(excel.export_counts(rows, request.as_of), f"party-members-{request.as_of.isoformat()}.xlsx")


@login_required
def members(request):
    root = _root(request)
    if not queries.can_see_names(request.user, root):
        counts = list(queries.member_counts(root, request.as_of, request.user))
        return render(request, "party/members.html", {
            "root": root, "names_visible": False, "total": counts[0].total if counts else 0,
            "counts_only": queries.counts_only_reason(request.user, root)})
    text = request.GET.get("q", "")
    qs = (queries.search_members(request.user, text).filter(org_unit__path__startswith=root.path,
                                                            status__in=ACTIVE_STATUSES)
          .order_by("org_unit__path", "full_name", "pk"))
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    return render(request, "party/members.html", {"root": root, "names_visible": True, "page": page, "q": text,
                                                  "can_import": has_role_on(request.user, root, Role.REPORTER)})


@login_required
def members_export(request):
    root = _root(request)
    if not queries.can_see_names(request.user, root):
        raise PermissionDenied(_("Only the Party committees and inspection committees may export members' names."))
    rows = list(queries.members_for(request.user).filter(org_unit__path__startswith=root.path,
                                                          status__in=ACTIVE_STATUSES)
                .select_related("org_unit").order_by("org_unit__path", "full_name"))
    services.log_export(request.user, what=_("Member list of %(unit)s") % {"unit": root.display_name},
                        org_unit=root, rows=len(rows), channel="xlsx")
    return _xlsx(excel.export_members(rows), f"party-member-list-{root.pk}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def member(request, pk):
    member = get_object_or_404(queries.members_for(request.user).select_related("org_unit", "user"), pk=pk)
    may_edit = member.status in ACTIVE_STATUSES and has_role_on(request.user, member.org_unit, Role.REPORTER)
    form = None
    if may_edit:
        units = _import_units(request.user).exclude(pk=member.org_unit_id)
        form = MemberActionForm(request.POST or None, units=units, initial={"version": member.version})
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            common = {"actor": request.user, "on": d["on"], "decision_number": d["decision_number"],
                      "expected_version": d["version"]}
            try:
                if d["action"] == "made_official":
                    services.make_official(member, **common)
                elif d["action"] == "transferred":
                    if d["to_unit"] is None:
                        raise ValidationError({"to_unit": _("Choose the organization the member moves to.")})
                    services.transfer_member(member, to_unit=d["to_unit"], **common)
                else:
                    services.record_exit(member, kind=d["action"], **common)
            except ValidationError as exc:
                put_errors_on(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The event was recorded."))
                return redirect(member)
    elif request.method == "POST":
        raise PermissionDenied
    ratings = list(member.ratings.select_related("campaign__rule_set", "org_unit").order_by("-campaign__year"))
    is_own = member.user_id is not None and member.user_id == request.user.pk
    for rating in ratings:
        label = rating.campaign.rule_set.label
        rating.labels = [label(rating.self_grade), label(rating.proposed_grade), label(rating.decided_grade)]
        rating.self_open = is_own and rating.campaign.state == CampaignState.OPEN and not rating.proposed_grade
    return render(request, "party/member.html", {
        "member": member, "form": form,
        "events": member.events.select_related("org_unit", "from_unit"),
        "ratings": ratings,
        "is_own": is_own,
        "may_link": services.may_link_user(request.user, member),
    })


@login_required
@require_http_methods(["GET", "POST"])
def self_assessment(request, pk, campaign_pk):
    """The member's own self-assessment for one rating, from the member's own account.
    Anyone else, even a committee that reads the record, is refused: the cell enters
    assessments made on paper on the rating group's page."""
    member = get_object_or_404(queries.members_for(request.user).select_related("org_unit"), pk=pk)
    if member.user_id is None or member.user_id != request.user.pk:
        raise PermissionDenied(_("Only the member makes their own self-assessment here; the cell enters "
                                 "assessments made on paper on the rating group's page."))
    rating = get_object_or_404(MemberRating.objects.select_related("campaign__rule_set", "campaign__org_unit",
                                                                   "org_unit"), member=member, campaign_id=campaign_pk)
    campaign = rating.campaign
    rule_set = campaign.rule_set
    closed_reason = ""
    if campaign.state != CampaignState.OPEN:
        closed_reason = _("The rating for %(year)s is closed; the self-assessment can no longer change.") % {
            "year": campaign.year}
    elif rating.proposed_grade:
        closed_reason = _("The cell has already proposed a grade; the self-assessment can no longer change.")
    form = SelfAssessmentForm(request.POST or None, rule_set=rule_set, initial={
        "grade": rating.self_grade, "points": rating.self_points, "note": rating.self_note,
        "version": rating.version})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.self_assess(rating, actor=request.user, grade=d["grade"] or None, points=d.get("points"),
                                 note=d["note"], expected_version=d["version"])
        except ValidationError as exc:
            put_errors_on(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your self-assessment for %(year)s was saved.") % {"year": campaign.year})
            return redirect(member)
    return render(request, "party/self_assessment.html", {
        "member": member, "rating": rating, "campaign": campaign, "form": form, "closed_reason": closed_reason,
        "self_label": rule_set.label(rating.self_grade),
        "campaign_visible": queries.visible_campaigns(request.user).filter(pk=campaign.pk).exists(),
    })


def _find_user(username: str):
    """The account signed in as ``username``: exactly, else the one account whose
    username differs only in letter case."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    username = username.strip()
    found = users.filter(username=username).first()
    if found is None:
        matches = list(users.filter(username__iexact=username)[:2])
        found = matches[0] if len(matches) == 1 else None
    return found


@login_required
@require_http_methods(["GET", "POST"])
def member_account(request, pk):
    """The committee links a member's record to the member's user account, or unlinks it."""
    member = get_object_or_404(queries.members_for(request.user).select_related("org_unit", "user"), pk=pk)
    if not services.may_link_user(request.user, member):
        raise PermissionDenied(_("Only the Party committee of %(unit)s links its members to user accounts.")
                               % {"unit": member.org_unit.display_name})
    action = request.POST.get("action") if request.method == "POST" else None
    initial = {"version": member.version}
    form = AccountLinkForm(request.POST if action == "link" else None, initial=initial)
    unlink_form = VersionForm(request.POST if action == "unlink" else None, initial=initial)
    if request.method == "POST":
        if action == "link" and form.is_valid():
            account = _find_user(form.cleaned_data["username"])
            if account is None:
                form.add_error("username", _("No user account has this username."))
            else:
                try:
                    services.link_user(member, actor=request.user, user=account,
                                       expected_version=form.cleaned_data["version"])
                except ValidationError as exc:
                    put_errors_on(form, exc)
                else:
                    messages.success(request, _("%(name)s is now linked to the account %(username)s.")
                                     % {"name": member.full_name, "username": account.get_username()})
                    return redirect(member)
        elif action == "unlink" and unlink_form.is_valid():
            try:
                services.link_user(member, actor=request.user, user=None,
                                   expected_version=unlink_form.cleaned_data["version"])
            except ValidationError as exc:
                put_errors_on(unlink_form, exc)
            else:
                messages.success(request, _("%(name)s is no longer linked to a user account.")
                                 % {"name": member.full_name})
                return redirect(member)
        elif action not in ("link", "unlink"):
            form.add_error(None, _("Choose to link or to unlink the account."))
    return render(request, "party/member_account.html", {"member": member, "form": form,
                                                         "unlink_form": unlink_form})


@login_required
def me(request):
    member = queries.members_for(request.user).filter(user=request.user).first()
    if member is None:
        raise Http404(_("Your account is not linked to a Party member record."))
    return redirect(member)


def _import_units(user):
    """Party organizations where ``user`` may add members."""
    path = queries.name_scope(user)
    if path is None:
        return OrgUnit.objects.none()
    units = OrgUnit.objects.filter(path__startswith=path, kind__in=services.PARTY_ORG_KINDS, valid_to__isnull=True)
    membership = membership_of(user)
    if not user.is_superuser and not (membership and membership.has_role(Role.REPORTER)):
        return OrgUnit.objects.none()
    return units


@login_required
@require_http_methods(["GET", "POST"])
def import_members(request):
    units = _import_units(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, units=units)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["org_unit"]
        try:
            rows, row_errors = excel.read_members(form.cleaned_data["file"])
            if not row_errors:
                created = services.add_members(actor=request.user, org_unit=unit, rows=rows)
        except RowErrors as exc:
            row_errors = exc.messages
        except ValidationError as exc:
            put_errors_on(form, exc)
        except PermissionDenied as exc:
            form.add_error("org_unit", str(exc))
        else:
            if not row_errors:
                messages.success(request, _("%(count)s members were added to %(unit)s.")
                                 % {"count": len(created), "unit": unit.display_name})
                return redirect(reverse("party:members") + f"?unit={unit.pk}")
    return render(request, "party/import.html", {"form": form, "row_errors": row_errors})


@login_required
def import_template(request):
    return _xlsx(excel.import_template(), "party-members-template.xlsx")


# ---- campaigns ----------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def campaigns(request):
    membership = membership_of(request.user)
    root = _root(request)
    can_open = has_role_on(request.user, root, Role.APPROVER)
    form = CampaignForm(request.POST or None, initial={"year": request.as_of.year})
    if request.method == "POST":
        if not can_open:
            raise PermissionDenied
        if form.is_valid():
            try:
                campaign = services.open_campaign(actor=request.user, org_unit=root, **form.cleaned_data)
            except ValidationError as exc:
                put_errors_on(form, exc)
            else:
                messages.success(request, _("The rating for %(year)s is open.") % {"year": campaign.year})
                return redirect(campaign)
    listing = (queries.visible_campaigns(request.user)
               .annotate(rated=Count("member_ratings", distinct=True)).order_by("-year", "org_unit__path"))
    return render(request, "party/campaigns.html", {"campaigns": listing, "root": root, "form": form,
                                                    "can_open": can_open, "membership": membership})


def _campaign(request, pk):
    return get_object_or_404(queries.visible_campaigns(request.user).select_related(
        "member_target", "org_target", "four_good_target"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def campaign(request, pk):
    campaign = _campaign(request, pk)
    root = _root(request, default=_campaign_root(request.user, campaign))
    if not root.path.startswith(campaign.org_unit.path):
        raise Http404
    is_committee = has_role_on(request.user, campaign.org_unit, Role.APPROVER)
    if request.method == "POST":
        if not is_committee:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "close":
                version = int(request.POST.get("version") or 0) or None
                services.close_campaign(campaign, actor=request.user, expected_version=version)
                messages.success(request, _("The rating is closed and its results were written into the targets."))
            elif action == "rate_orgs":
                decisions = {}
                for rating in campaign.org_ratings.all():
                    grade = request.POST.get(f"org-{rating.pk}")
                    if grade:
                        decisions[rating.pk] = (grade, request.POST.get(f"four-good-{rating.pk}") == "on")
                services.rate_organizations(campaign, actor=request.user, decisions=decisions)
                messages.success(request, _("The organizations' ratings were saved."))
            else:
                raise PermissionDenied
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect(reverse("party:campaign", args=[campaign.pk]) + (f"?unit={root.pk}" if root != campaign.org_unit
                                                                          else ""))
    member_rows = queries.rating_results(campaign, root)
    org_rows = queries.rating_results(campaign, root, organizations=True)
    grades = campaign.rule_set.grade_choices()
    names_visible = queries.can_see_names(request.user, root)
    groups = []
    if names_visible:
        # The groups of this unit and of its children: drill down for the ones below.
        groups = list(MemberRating.objects.filter(Q(org_unit=root) | Q(org_unit__parent=root), campaign=campaign)
                      .values("org_unit", "org_unit__name_vi", "org_unit__name_en")
                      .annotate(n=Count("pk"), decided=Count("pk", filter=~_blank("decided_grade")),
                                proposed=Count("pk", filter=~_blank("proposed_grade")))
                      .order_by("org_unit__path"))
    own_rating = (MemberRating.objects.filter(campaign=campaign, member__user=request.user)
                  .select_related("member").first())
    if own_rating is not None:
        own_rating.self_label = campaign.rule_set.label(own_rating.self_grade)
    org_ratings = []
    if is_committee and campaign.state == "open":
        org_ratings = list(OrgRating.objects.filter(campaign=campaign, org_unit__parent=root)
                           .select_related("org_unit"))
    return render(request, "party/campaign.html", {
        "campaign": campaign, "root": root, "member_rows": member_rows, "org_rows": org_rows, "grades": grades,
        "groups": groups, "is_committee": is_committee, "org_ratings": org_ratings, "own_rating": own_rating,
        "counts_only": queries.counts_only_reason(request.user, root),
        "refusals": QuotaRefusal.objects.filter(campaign=campaign, org_unit__path__startswith=root.path)
        .select_related("org_unit", "actor")[:20],
        "member_goal": campaign.member_target.value if campaign.member_target_id else None,
        "org_goal": campaign.org_target.value if campaign.org_target_id else None,
        "four_good_goal": campaign.four_good_target.value if campaign.four_good_target_id else None,
    })


def _campaign_root(user, campaign) -> OrgUnit:
    """The campaign's committee when the user may see it, else the user's own unit under it."""
    if queries.count_scope(user).filter(pk=campaign.org_unit_id).exists():
        return campaign.org_unit
    membership = membership_of(user)
    if membership is None:
        raise Http404
    return membership.org_unit


def _blank(field):
    return Q(**{field: ""})


@login_required
def campaign_export(request, pk):
    campaign = _campaign(request, pk)
    root = _root(request, default=_campaign_root(request.user, campaign))
    if not root.path.startswith(campaign.org_unit.path):
        raise Http404
    data = excel.export_results(campaign, queries.rating_results(campaign, root),
                                queries.rating_results(campaign, root, organizations=True))
    return _xlsx(data, f"party-ratings-{campaign.year}-{root.pk}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def group(request, pk, unit_pk):
    """Rating one group (an organization's members): self-assessments entered by the cell,
    the cell's proposal, the committee's decision. Only where names are visible."""
    campaign = _campaign(request, pk)
    unit = get_object_or_404(OrgUnit, pk=unit_pk, path__startswith=campaign.org_unit.path)
    if not queries.can_see_names(request.user, unit):
        raise Http404
    ratings = list(MemberRating.objects.filter(campaign=campaign, org_unit=unit,
                                               member__in=queries.members_for(request.user))
                   .select_related("member").order_by("member__full_name", "pk"))
    can_propose = has_role_on(request.user, unit, Role.REPORTER)
    can_decide = has_role_on(request.user, campaign.org_unit, Role.APPROVER)
    if request.method == "POST":
        action = request.POST.get("action")
        grades = {r.pk: request.POST.get(f"grade-{r.pk}", "") for r in ratings}
        try:
            if action == "self" and can_propose:
                services.self_assess_group(campaign, actor=request.user, org_unit=unit, grades=grades)
                messages.success(request, _("Self-assessments saved."))
            elif action == "propose" and can_propose:
                services.propose_group(campaign, actor=request.user, org_unit=unit, grades=grades)
                messages.success(request, _("The cell's proposal was saved."))
            elif action == "decide" and can_decide:
                services.decide_group(campaign, actor=request.user, org_unit=unit, grades=grades)
                messages.success(request, _("The committee's decision was saved."))
            else:
                raise PermissionDenied
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            # keep what was typed
            for rating in ratings:
                rating.typed = grades.get(rating.pk, "")
            return render(request, "party/group.html", _group_context(campaign, unit, ratings, can_propose,
                                                                      can_decide, action))
        return redirect("party:group", pk=campaign.pk, unit_pk=unit.pk)
    return render(request, "party/group.html", _group_context(campaign, unit, ratings, can_propose, can_decide, ""))


def _group_context(campaign, unit, ratings, can_propose, can_decide, action):
    labels = dict(campaign.rule_set.grade_choices())
    for rating in ratings:
        rating.self_label = labels.get(rating.self_grade, "")
        rating.proposed_label = labels.get(rating.proposed_grade, "")
        rating.decided_label = labels.get(rating.decided_grade, "")
    stage = "decide" if all(r.proposed_grade for r in ratings) and ratings else (
        "propose" if all(r.self_grade for r in ratings) and ratings else "self")
    if stage == "decide" and all(r.decided_grade for r in ratings):
        stage = "done"
    return {"campaign": campaign, "unit": unit, "ratings": ratings, "grades": campaign.rule_set.grade_choices(),
            "can_propose": can_propose and campaign.state == "open",
            "can_decide": can_decide and campaign.state == "open", "stage": action or stage}


# ---- inspections ---------------------------------------------------------------------------

@login_required
def inspections(request):
    root = _root(request)
    terms = list(PartyTerm.objects.all())
    chosen = None
    raw = request.GET.get("term")
    for term in terms:
        if raw == term.name or (not raw and term.start <= request.as_of):
            chosen = term
    report, totals, previous = None, None, None
    if chosen is not None:
        prev = next((t for t in reversed(terms) if t.start < chosen.start), None)
        until = min(request.as_of, chosen.end)
        previous_start = prev.start if prev else chosen.start - datetime.timedelta(days=5 * 365 + 1)
        report = queries.term_report(root, chosen.start, until, previous_start)
        totals = queries.case_totals(root, chosen.start, until)
        previous = {"term": prev, "from": previous_start, "until": previous_start + (until - chosen.start),
                    "until_now": until}
    records = list(queries.inspections_for(request.user).filter(body__path__startswith=root.path)
                   .select_related("body", "subject_org", "subject_member", "org_unit")[:30])
    editable = set(_bodies(request.user, Role.REPORTER).filter(pk__in={r.body_id for r in records})
                   .values_list("pk", flat=True))
    for record in records:
        record.editable = record.body_id in editable
    cases = list(queries.cases_for(request.user).filter(org_unit__path__startswith=root.path)
                 .select_related("org_unit")[:30])
    return render(request, "party/inspections.html", {
        "root": root, "terms": terms, "term": chosen, "report": report, "totals": totals, "previous": previous,
        "records": records, "names_visible": queries.can_see_names(request.user, root), "cases": cases,
        "can_record": _bodies(request.user, Role.REPORTER).exists(),
        "can_record_cases": queries.case_units(request.user).exists(),
        "counts_only": queries.counts_only_reason(request.user, root),
    })


def _bodies(user, role):
    """Inspection committees (and Party committees) where ``user`` holds ``role``: in the
    user's own part of the tree, as ``services.record_inspection`` asks."""
    scope = visible_units(user)
    units = scope.filter(Q(inspection_body__isnull=False) | Q(kind__in=queries.COMMITTEE_KINDS))
    membership = membership_of(user)
    if not user.is_superuser and not (membership and membership.has_role(role)):
        return OrgUnit.objects.none()
    return units.order_by("path")


def _level_of(body: OrgUnit) -> str:
    from .models import BodyLevel, InspectionBody

    found = InspectionBody.objects.filter(org_unit=body).values_list("level", flat=True).first()
    if found:
        return found
    return BodyLevel.GRASSROOTS if body.kind in services.PARTY_ORG_KINDS else BodyLevel.DISTRICT


def _inspection_subject(request, form):
    """The member named by code on the inspection form (None when an organization is
    inspected); an unknown code is a form error."""
    code = (form.cleaned_data.get("member_code") or "").strip()
    if not code:
        return None
    member = queries.members_for(request.user).filter(code=code).first()
    if member is None:
        form.add_error("member_code", _("No member with this code that you may see."))
    return member


def _inspection_choices(request):
    bodies = _bodies(request.user, Role.REPORTER)
    if not bodies.exists():
        raise PermissionDenied(_("Only an inspection committee or a Party committee records inspections."))
    return bodies, queries.count_scope(request.user).filter(kind__in=queries.COMMITTEE_KINDS)


@login_required
@require_http_methods(["GET", "POST"])
def inspection_new(request):
    bodies, orgs = _inspection_choices(request)
    form = InspectionForm(request.POST or None, bodies=bodies, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        member = _inspection_subject(request, form)
        if not form.errors:
            try:
                record = services.record_inspection(
                    actor=request.user, body=d["body"], level=_level_of(d["body"]), kind=d["kind"],
                    subject_org=d["subject_org"], subject_member=member, started_on=d["started_on"],
                    ended_on=d["ended_on"], findings=d["findings"])
            except ValidationError as exc:
                put_errors_on(form, exc)
            except PermissionDenied as exc:
                form.add_error("body", str(exc))
            else:
                messages.success(request, _("The inspection was recorded."))
                return redirect(record)
    return render(request, "party/inspection_form.html", {"form": form})


def _writable_inspection(request, pk):
    """An inspection the user may see (else 404) and correct (else 403)."""
    record = get_object_or_404(queries.inspections_for(request.user).select_related(
        "body", "subject_org", "subject_member", "org_unit"), pk=pk)
    if not has_role_on(request.user, record.body, Role.REPORTER):
        raise PermissionDenied(_("Only %(body)s corrects or deletes its inspections.")
                               % {"body": record.body.display_name})
    return record


@login_required
@require_http_methods(["GET", "POST"])
def inspection_edit(request, pk):
    record = _writable_inspection(request, pk)
    bodies, orgs = _inspection_choices(request)
    initial = {"body": record.body_id, "kind": record.kind, "subject_org": record.subject_org_id,
               "member_code": record.subject_member.code if record.subject_member_id else "",
               "started_on": record.started_on, "ended_on": record.ended_on, "findings": record.findings,
               "version": record.version}
    form = InspectionEditForm(request.POST or None, initial=initial, bodies=bodies | OrgUnit.objects.filter(
        pk=record.body_id), orgs=orgs | OrgUnit.objects.filter(pk=record.subject_org_id or 0))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        member = _inspection_subject(request, form)
        if not form.errors:
            try:
                services.update_inspection(
                    record, actor=request.user, expected_version=d["version"], body=d["body"],
                    level=record.level if d["body"] == record.body else _level_of(d["body"]), kind=d["kind"],
                    subject_org=d["subject_org"], subject_member=member, started_on=d["started_on"],
                    ended_on=d["ended_on"], findings=d["findings"])
            except ValidationError as exc:
                put_errors_on(form, exc)
            except PermissionDenied as exc:
                form.add_error("body", str(exc))
            else:
                messages.success(request, _("The inspection was saved."))
                return redirect(record)
    return render(request, "party/inspection_form.html", {"form": form, "record": record})


@login_required
@require_http_methods(["GET", "POST"])
def inspection_delete(request, pk):
    record = _writable_inspection(request, pk)
    form = VersionForm(request.POST or None, initial={"version": record.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_inspection(record, actor=request.user, expected_version=form.cleaned_data["version"])
        except ValidationError as exc:
            put_errors_on(form, exc)
        else:
            messages.success(request, _("The inspection was deleted; its history is kept."))
            return redirect(reverse("party:inspections") + f"?unit={_list_unit(request, record.body)}")
    return render(request, "party/confirm_delete.html", {
        "form": form, "object": record, "back": record.get_absolute_url(),
        "title": _("Delete this inspection?"),
        "summary": f"{record.get_kind_display()} · {record.body.display_name} · "
                   f"{record.started_on:%d/%m/%Y} – {record.ended_on:%d/%m/%Y}",
        "followed": record.disciplines.count(),
    })


def _list_unit(request, unit: OrgUnit) -> int:
    """The committee whose inspection page to return to: the unit's nearest committee the
    user may see, else the user's default."""
    scope = queries.count_scope(request.user)
    found = (OrgUnit.objects.ancestors_of(unit, include_self=True).filter(kind__in=queries.COMMITTEE_KINDS,
                                                                          pk__in=scope.values("pk"))
             .order_by("-depth").first())
    return found.pk if found is not None else _root(request).pk


# ---- corruption and negativity cases -------------------------------------------------------

def _case_units(request, current: OrgUnit | None = None):
    units = queries.case_units(request.user)
    if current is not None:
        units = units | OrgUnit.objects.filter(pk=current.pk)
    return units.order_by("path")


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request):
    units = _case_units(request)
    if not units.exists():
        raise PermissionDenied(_("Cases are recorded by a Party committee or an inspection committee."))
    form = CaseForm(request.POST or None, units=units, initial={"level": "provincial"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        d.pop("version", None)
        try:
            case = services.record_case(actor=request.user, **d)
        except ValidationError as exc:
            put_errors_on(form, exc)
        except PermissionDenied as exc:
            form.add_error("org_unit", str(exc))
        else:
            messages.success(request, _("The case was recorded."))
            return redirect(case)
    return render(request, "party/case_form.html", {"form": form})


def _visible_case(request, pk):
    return get_object_or_404(queries.cases_for(request.user).select_related("org_unit"), pk=pk)


def _writable_case(request, pk):
    case = _visible_case(request, pk)
    if not queries.may_record_cases(request.user, case.org_unit):
        raise PermissionDenied(_("Cases under %(unit)s are recorded by its Party committee or the inspection "
                                 "committee serving it.") % {"unit": case.org_unit.display_name})
    return case


@login_required
def case(request, pk):
    case = _visible_case(request, pk)
    names_visible = queries.can_see_names(request.user, case.org_unit)
    named = list(case.defendants.all()) if names_visible else []
    return render(request, "party/case.html", {
        "case": case, "names_visible": names_visible, "defendants": named,
        "unnamed": max(case.defendant_count - len(named), 0),
        "counts_only": queries.counts_only_reason(request.user, case.org_unit),
        "may_edit": queries.may_record_cases(request.user, case.org_unit),
        "list_unit": _list_unit(request, case.org_unit),
    })


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request, pk):
    case = _writable_case(request, pk)
    initial = {"org_unit": case.org_unit_id, "title": case.title, "kind": case.kind, "level": case.level,
               "opened_on": case.opened_on, "defendant_count": case.defendant_count,
               "defendants": defendants_text(case.defendants.all()), "steering_monitored": case.steering_monitored,
               "version": case.version}
    form = CaseForm(request.POST or None, units=_case_units(request, case.org_unit), initial=initial)
    form.fields["version"].required = True
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        version = d.pop("version")
        try:
            services.update_case(case, actor=request.user, expected_version=version, **d)
        except ValidationError as exc:
            put_errors_on(form, exc)
        except PermissionDenied as exc:
            form.add_error("org_unit", str(exc))
        else:
            messages.success(request, _("The case was saved."))
            return redirect(case)
    return render(request, "party/case_form.html", {"form": form, "case": case})


@login_required
@require_http_methods(["GET", "POST"])
def case_delete(request, pk):
    case = _writable_case(request, pk)
    form = VersionForm(request.POST or None, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        unit = _list_unit(request, case.org_unit)
        try:
            services.delete_case(case, actor=request.user, expected_version=form.cleaned_data["version"])
        except ValidationError as exc:
            put_errors_on(form, exc)
        else:
            messages.success(request, _("The case was deleted; its history is kept."))
            return redirect(reverse("party:inspections") + f"?unit={unit}")
    return render(request, "party/confirm_delete.html", {
        "form": form, "object": case, "back": case.get_absolute_url(), "title": _("Delete this case?"),
        "summary": f"{case.title} · {case.org_unit.display_name} · {case.opened_on:%d/%m/%Y}",
        "followed": 0,
    })


@login_required
@require_http_methods(["GET", "POST"])
def inspection(request, pk):
    record = get_object_or_404(queries.inspections_for(request.user).select_related(
        "body", "subject_org", "subject_member", "org_unit"), pk=pk)
    may_discipline = has_role_on(request.user, record.body, Role.APPROVER)
    form = DisciplineForm(request.POST or None) if may_discipline else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.record_discipline(actor=request.user, body=record.body, level=record.level,
                                           subject_org=record.subject_org, subject_member=record.subject_member,
                                           inspection=record, **form.cleaned_data)
            except ValidationError as exc:
                put_errors_on(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The discipline was recorded."))
                return redirect(record)
    return render(request, "party/inspection.html", {
        "record": record, "form": form,
        "may_edit": has_role_on(request.user, record.body, Role.REPORTER),
        "disciplines": queries.disciplines_for(request.user).filter(inspection=record)})


__all__ = ["require_POST"]
