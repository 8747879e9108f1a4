from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    # Ordered by power: each role may do what the ones before it may.
    VIEWER = "viewer", _("Viewer")
    REPORTER = "reporter", _("Reporter")
    APPROVER = "approver", _("Approver")
    ADMINISTRATOR = "administrator", _("Administrator")


ROLE_RANK = {Role.VIEWER: 1, Role.REPORTER: 2, Role.APPROVER: 3, Role.ADMINISTRATOR: 4}


class Membership(models.Model):
    """Where a user sits: one org unit and one role. They see that unit's subtree."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="members",
                                 verbose_name=_("org unit"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.org_unit}"

    def has_role(self, role: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


class Notification(models.Model):
    """An in-app message for one user (reminders, decisions on their reports)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # What happened and its parameters; the text is written when the recipient reads it, in
    # their language (``accounts.notify``). ``subject``/``body`` hold text from before events
    # existed and what people wrote themselves (an approver's comment).
    event = models.CharField(_("event"), max_length=40, blank=True, db_index=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        from .notify import render_title

        return render_title(self)

    @property
    def text(self) -> str:
        from .notify import render_text

        return render_text(self)


class MembershipTransfer(models.Model):
    """A membership moved from one unit to another: by a reorganization (the unit merged or
    split) or by an administrator. Kept so the move is visible and can be undone."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership_transfers",
                             verbose_name=_("user"))
    from_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("from unit"))
    to_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("to unit"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    effective_on = models.DateField(_("effective on"))
    succession = models.ForeignKey("orgs.Succession", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="membership_transfers", verbose_name=_("reorganization"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("recorded by"))
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("undone by"))

    class Meta:
        ordering = ["-effective_on", "-pk"]
        verbose_name = _("membership transfer")
        verbose_name_plural = _("membership transfers")

    def __str__(self):
        return f"{self.user} · {self.from_unit} → {self.to_unit} ({self.effective_on})"
