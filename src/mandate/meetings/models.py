"""Meetings of a body (agenda, drafts with versions, comments, conclusions that become
tasks, the conclusion notice) and hybrid conferences whose implementation duty becomes one
tracked submission per connection-point unit.

Who sees what is decided in one place, ``queries.py``: a meeting is seen by the body's
members and by users whose subtree holds the body's unit; a confidential item (personnel,
inspection) only by the body's members (the clerk is a member with ``is_clerk``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.files import UnguessablePath
from mandate.core.models import TimeStampedModel, VersionedModel


class Body(VersionedModel):
    """A deliberating body: an org unit (the Standing Committee, a People's Committee...)
    with named members. Quorum is a share of its voting members."""

    unit = models.OneToOneField("orgs.OrgUnit", on_delete=models.PROTECT, related_name="body",
                                verbose_name=_("org unit"))
    term = models.CharField(_("current term"), max_length=20, help_text=_("e.g. 2020-2025"))
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (percent of members)"), default=67,
        help_text=_("The share of members who must be present for the meeting to be valid."))
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit__path"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self):
        return self.unit.display_name

    def get_absolute_url(self):
        return reverse("meetings:body", args=[self.pk])


class BodyMember(TimeStampedModel):
    """A user sitting on a body, with the position that is printed (``Bí thư Tỉnh ủy``).
    The clerk (secretariat) schedules meetings, builds agendas and records conclusions."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members", verbose_name=_("body"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="body_seats",
                             verbose_name=_("user"))
    position = models.CharField(_("position"), max_length=200)
    is_voting = models.BooleanField(_("voting member"), default=True,
                                    help_text=_("Counts for the quorum; a clerk usually does not."))
    is_clerk = models.BooleanField(_("clerk"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "sort_order", "pk"]
        verbose_name = _("body member")
        verbose_name_plural = _("body members")
        constraints = [models.UniqueConstraint(fields=["body", "user"], name="body_member_unique")]

    def __str__(self):
        return self.position


class Meeting(VersionedModel):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body"))
    term = models.CharField(_("term"), max_length=20)
    number = models.PositiveSmallIntegerField(_("number in the term"))
    held_on = models.DateField(_("date"), db_index=True)
    place = models.CharField(_("place"), max_length=300)
    chair = models.ForeignKey(BodyMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("chair"))
    guests = models.TextField(_("guests"), blank=True, help_text=_("One guest per line: position and unit."))
    notice = models.ForeignKey("documents.DirectiveDocument", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="meeting_notices", verbose_name=_("conclusion notice"))
    notice_file = models.FileField(_("notice file"), upload_to=UnguessablePath("meetings/notices"), blank=True,
                                   max_length=300)
    notice_confidential = models.BooleanField(_("notice holds confidential items"), default=False, editable=False)
    notice_recipients = models.TextField(_("notice recipients"), blank=True, editable=False,
                                         help_text=_("One per line, as printed on the notice."))
    notice_corrected_on = models.DateField(_("notice corrected on"), null=True, blank=True, editable=False,
                                           help_text=_("The day the notice was last re-issued after a "
                                                       "conclusion changed; its number stays."))
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [models.UniqueConstraint(fields=["body", "term", "number"], name="meeting_number_unique")]

    def __str__(self):
        return _("%(body)s, meeting %(number)s (%(day)s)") % {
            "body": self.body.unit.display_name, "number": self.number, "day": self.held_on.strftime("%d/%m/%Y")}

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance",
                                verbose_name=_("meeting"))
    member = models.ForeignKey(BodyMember, on_delete=models.CASCADE, related_name="attendance",
                               verbose_name=_("member"))
    invited = models.BooleanField(_("invited"), default=True)
    present = models.BooleanField(_("present"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["member__sort_order", "member__pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique")]

    def __str__(self):
        return f"{self.meeting} · {self.member}"


class ItemKind(models.TextChoices):
    DRAFT_RESOLUTION = "draft_resolution", _("draft resolution")
    DRAFT_DIRECTIVE = "draft_directive", _("draft directive")
    DRAFT_PLAN = "draft_plan", _("draft plan")
    REPORT = "report", _("report")
    OPINIONS = "opinions", _("request for opinions")
    PERSONNEL = "personnel", _("personnel")
    INSPECTION = "inspection", _("inspection")
    OTHER = "other", _("other")


CONFIDENTIAL_KINDS = (ItemKind.PERSONNEL, ItemKind.INSPECTION)


class AgendaItem(VersionedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting"))
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    confidential = models.BooleanField(_("confidential"), default=False, editable=False, db_index=True,
                                       help_text=_("Personnel and inspection items: only the body's members see them."))
    presenting_unit = models.ForeignKey("orgs.OrgUnit", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="presented_items", verbose_name=_("presenting unit"))
    proposed_issuer = models.ForeignKey("orgs.OrgUnit", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="proposed_items", verbose_name=_("proposed issuer"))
    related_documents = models.ManyToManyField("documents.DirectiveDocument", blank=True, related_name="agenda_items",
                                               verbose_name=_("related documents"))
    summary = models.TextField(_("summary"), blank=True)
    resubmission_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="resubmissions", verbose_name=_("resubmission of"))
    times_resubmitted = models.PositiveSmallIntegerField(_("times resubmitted before"), default=0, editable=False)
    issued_document = models.ForeignKey("documents.DirectiveDocument", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="issued_from_items",
                                        verbose_name=_("issued document"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords(m2m_fields=[related_documents])

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:item", args=[self.pk])


class DraftVersion(TimeStampedModel):
    """One uploaded version of an item's draft. A new version never replaces an old one."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="versions",
                             verbose_name=_("agenda item"))
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=UnguessablePath("meetings/drafts"), max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    text = models.TextField(_("text"), blank=True, editable=False,
                            help_text=_("The paragraphs of a .docx draft, kept to compare versions."))
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("uploaded by"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "-number"]
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="draft_version_unique")]

    def __str__(self):
        return f"{self.item} · v{self.number}"


class CommentKind(models.TextChoices):
    WRITTEN = "written", _("written before the meeting")
    AT_MEETING = "at_meeting", _("said at the meeting")


class Comment(TimeStampedModel):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="comments",
                             verbose_name=_("agenda item"))
    version = models.ForeignKey(DraftVersion, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="comments", verbose_name=_("draft version"))
    member = models.ForeignKey(BodyMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments",
                               verbose_name=_("member"))
    kind = models.CharField(_("kind"), max_length=20, choices=CommentKind.choices, default=CommentKind.WRITTEN)
    text = models.TextField(_("comment"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("recorded by"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.text[:60]


class Outcome(models.TextChoices):
    # "adopted", not "approved": a body adopts a draft ("thông qua"); a value is approved.
    APPROVED = "approved", _("adopted")
    RESUBMIT = "resubmit", _("adopted in principle; revise and resubmit")
    CHANGE_ISSUER = "change_issuer", _("change of issuer")
    NOT_APPROVED = "not_approved", _("not adopted")
    NOTED = "noted", _("noted")


class Conclusion(VersionedModel):
    """The chair's conclusion on one item. Two clerks editing it at once: the stale one is refused."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="conclusion",
                                verbose_name=_("agenda item"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, db_index=True)
    text = models.TextField(_("conclusion"))
    new_issuer = models.ForeignKey("orgs.OrgUnit", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("new issuer"))
    resubmit_to = models.ForeignKey(Body, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("resubmit to"))
    resubmit_by = models.DateField(_("resubmit by"), null=True, blank=True)
    resubmit_next_meeting = models.BooleanField(_("at the next meeting"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("recorded by"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")

    def __str__(self):
        return f"{self.item} · {self.get_outcome_display()}"

    def get_absolute_url(self):
        return self.item.get_absolute_url()


class ConclusionTask(models.Model):
    """A task assigned by a conclusion: the conclusion is the task's source."""

    conclusion = models.ForeignKey(Conclusion, on_delete=models.CASCADE, related_name="assignments",
                                   verbose_name=_("conclusion"))
    task = models.OneToOneField("tasks.Task", on_delete=models.PROTECT, related_name="meeting_conclusion",
                                verbose_name=_("task"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["conclusion", "pk"]
        verbose_name = _("task from a conclusion")
        verbose_name_plural = _("tasks from conclusions")

    def __str__(self):
        return str(self.task)


class ProposalState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted on the agenda")


class Proposal(VersionedModel):
    """A resubmitted item waiting for a body's next meeting: the clerk accepts it onto the
    agenda or moves it to another meeting."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("body"))
    source_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="proposals",
                                    verbose_name=_("resubmitted item"))
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="proposals", verbose_name=_("proposed for meeting"))
    due_by = models.DateField(_("resubmit by"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=ProposalState.choices,
                             default=ProposalState.PROPOSED, db_index=True)
    accepted_item = models.OneToOneField(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="accepted_from", verbose_name=_("agenda item"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_by", "pk"]
        verbose_name = _("agenda proposal")
        verbose_name_plural = _("agenda proposals")
        constraints = [models.UniqueConstraint(fields=["source_item"], condition=Q(state="proposed"),
                                               name="proposal_one_open_per_item")]

    def __str__(self):
        return str(self.source_item)


class Conference(VersionedModel):
    """A (hybrid) conference: a main hall, connection points, documents, and the duty it
    sets (every listed unit submits its action programme by a date)."""

    title = models.CharField(_("title"), max_length=500)
    organizer = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="conferences",
                                  verbose_name=_("organizer"))
    held_on = models.DateField(_("date"))
    main_hall = models.CharField(_("main hall"), max_length=300)
    hybrid = models.BooleanField(_("hybrid (in person and online)"), default=True)
    main_hall_attendees = models.PositiveIntegerField(_("attendees in the main hall"), default=0)
    documents = models.ManyToManyField("documents.DirectiveDocument", blank=True, related_name="conferences",
                                       verbose_name=_("documents"))
    duty = models.TextField(_("implementation duty"), blank=True)
    due_on = models.DateField(_("submissions due"), null=True, blank=True)
    basis_document = models.ForeignKey("documents.DirectiveDocument", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+",
                                       verbose_name=_("document to implement"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords(m2m_fields=[documents])

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:conference", args=[self.pk])


class ConnectionPoint(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="points",
                                   verbose_name=_("conference"))
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="connection_points",
                             verbose_name=_("unit"))
    attendees = models.PositiveIntegerField(_("attendees"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["conference", "unit__path"]
        verbose_name = _("connection point")
        verbose_name_plural = _("connection points")
        constraints = [models.UniqueConstraint(fields=["conference", "unit"], name="connection_point_unique")]

    def __str__(self):
        return f"{self.conference} · {self.unit}"


class SubmissionState(models.TextChoices):
    ON_TIME = "on_time", _("submitted on time")
    LATE = "late", _("submitted late")
    MISSING = "missing", _("missing")
    WAITING = "waiting", _("not yet due")


class Submission(VersionedModel):
    """One unit's duty to submit its programme or plan; tracked as a task (so the daily
    reminders cover it) and fulfilled by a directive document of kind programme or plan."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="submissions",
                                   verbose_name=_("conference"))
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="conference_submissions",
                             verbose_name=_("unit"))
    due_on = models.DateField(_("due"))
    task = models.OneToOneField("tasks.Task", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="conference_submission", verbose_name=_("task"))
    document = models.ForeignKey("documents.DirectiveDocument", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="conference_submissions", verbose_name=_("programme or plan"))
    file = models.FileField(_("file"), upload_to=UnguessablePath("meetings/programmes"), blank=True, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("submitted by"))
    last_reminded_on = models.DateField(_("last reminded on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["conference", "unit__path"]
        verbose_name = _("programme submission")
        verbose_name_plural = _("programme submissions")
        constraints = [models.UniqueConstraint(fields=["conference", "unit"], name="submission_unique")]

    def __str__(self):
        return f"{self.conference} · {self.unit}"

    def get_absolute_url(self):
        return reverse("meetings:submission", args=[self.pk])
