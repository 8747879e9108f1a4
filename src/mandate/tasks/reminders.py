"""Daily reminder digests: each lead unit gets one email (to its members) and one in-app
notification per member listing its overdue tasks and those due within N days. A unit is
reminded at most once a day (``ReminderLog``), so cron may run the command twice safely.

Reads are set-based: one query for the tasks, one for the logs, one for the members,
whatever the number of units.
"""

from __future__ import annotations

import datetime
import os
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from mandate.accounts.notify import notify, unit_param

from .models import ReminderLog, Task
from .state import TaskState


@dataclass
class UnitDigest:
    unit: object
    overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)
    recipients: list = field(default_factory=list)


@dataclass
class ReminderRun:
    as_of: datetime.date
    days: int
    dry_run: bool
    sent: list = field(default_factory=list)
    skipped_already_sent: list = field(default_factory=list)


def digests(as_of: datetime.date, days: int) -> dict[int, UnitDigest]:
    """Per lead unit id: its open tasks overdue or due within ``days`` of ``as_of``."""
    tasks = (
        Task.objects.filter(assigned_on__lte=as_of).with_state(as_of)
        .filter(Q(state=TaskState.OVERDUE)
                | Q(state__in=[TaskState.NOT_STARTED, TaskState.IN_PROGRESS],
                    deadline__lte=as_of + datetime.timedelta(days=days)))
        .select_related("lead_unit").order_by("lead_unit__path", "deadline", "pk")
    )
    by_unit: dict[int, UnitDigest] = {}
    for task in tasks:
        digest = by_unit.setdefault(task.lead_unit_id, UnitDigest(unit=task.lead_unit))
        (digest.overdue if task.state == TaskState.OVERDUE else digest.due_soon).append(task)
    return by_unit


def _body(digest: UnitDigest, as_of: datetime.date, days: int) -> str:
    base = os.environ.get("MANDATE_BASE_URL", "").rstrip("/")
    lines = [_("Tasks of %(unit)s on %(day)s:") % {"unit": digest.unit.display_name, "day": as_of.strftime("%d/%m/%Y")}, ""]
    if digest.overdue:
        lines.append(_("Overdue (%(count)s):") % {"count": len(digest.overdue)})
        lines += [f"- {t.title} — {_('deadline')} {t.deadline:%d/%m/%Y} — {base}{t.get_absolute_url()}"
                  for t in digest.overdue]
        lines.append("")
    if digest.due_soon:
        lines.append(_("Due within %(days)s days (%(count)s):") % {"days": days, "count": len(digest.due_soon)})
        lines += [f"- {t.title} — {_('deadline')} {t.deadline:%d/%m/%Y} — {base}{t.get_absolute_url()}"
                  for t in digest.due_soon]
        lines.append("")
    lines.append(_("Report progress or ask for more time on each task's page."))
    return "\n".join(lines)


def send_reminders(*, as_of: datetime.date, days: int = 7, dry_run: bool = False) -> ReminderRun:
    run = ReminderRun(as_of=as_of, days=days, dry_run=dry_run)
    by_unit = digests(as_of, days)
    if not by_unit:
        return run
    already = set(ReminderLog.objects.filter(sent_on=as_of, org_unit__in=list(by_unit)).values_list("org_unit", flat=True))
    members = get_user_model().objects.filter(is_active=True, membership__org_unit__in=list(by_unit)).values_list(
        "membership__org_unit", "pk", "email")
    users_by_unit = defaultdict(list)
    for unit_id, user_id, email in members:
        users_by_unit[unit_id].append((user_id, email))
    inbox_path = reverse("tasks:inbox")
    for unit_id, digest in by_unit.items():
        if unit_id in already:
            run.skipped_already_sent.append(digest)
            continue
        digest.recipients = users_by_unit.get(unit_id, [])
        run.sent.append(digest)
        if dry_run:
            continue
        subject = _("[Mandate] %(unit)s: %(overdue)s overdue, %(due)s due soon") % {
            "unit": digest.unit.display_name, "overdue": len(digest.overdue), "due": len(digest.due_soon)}
        body = _body(digest, as_of, days)
        try:
            with transaction.atomic():
                # The log row first: a second run the same day fails here and sends nothing.
                ReminderLog.objects.create(org_unit=digest.unit, sent_on=as_of, due_soon=len(digest.due_soon),
                                           overdue=len(digest.overdue), recipients=len(digest.recipients))
                # In-app: the event and its counts, written in each reader's language.
                notify([user_id for user_id, _email in digest.recipients], "task_reminder",
                       {"unit": unit_param(digest.unit), "overdue": len(digest.overdue),
                        "due": len(digest.due_soon)}, inbox_path)
                emails = sorted({email for _uid, email in digest.recipients if email})
                if emails:
                    EmailMessage(subject=subject, body=body, to=emails).send()
        except IntegrityError:
            run.sent.remove(digest)
            run.skipped_already_sent.append(digest)
    return run
