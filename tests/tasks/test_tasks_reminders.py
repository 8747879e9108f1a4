import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from mandate.accounts.models import Notification, Role
from mandate.core.testing import make_user
from mandate.tasks.models import ReminderLog

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _remind(*args):
    out = StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


def test_digest_per_unit_by_email_and_notification_once_a_day(make_task, users, tree):
    users["hd_reporter"].email = "hd@example.vn"
    users["hd_reporter"].save()
    make_user("hd-viewer", tree.hoang_dong, Role.VIEWER).__class__.objects.filter(username="hd-viewer").update(
        email="hd2@example.vn")
    make_task(title="Quá hạn rồi", deadline=D(2023, 6, 1))
    make_task(title="Sắp tới hạn", deadline=D(2023, 6, 18))
    make_task(title="Còn lâu", deadline=D(2023, 9, 1))
    make_task(title="Mai Pha quá hạn", lead_unit=tree.mai_pha, deadline=D(2023, 6, 10))

    out = _remind("--days", "5", "--date", "2023-06-15", "--dry-run")
    assert "would remind hoang-dong: 1 overdue, 1 due soon, 2 recipient(s)" in out
    assert len(mail.outbox) == 0 and Notification.objects.count() == 0 and ReminderLog.objects.count() == 0

    _remind("--days", "5", "--date", "2023-06-15")
    assert len(mail.outbox) == 1  # Mai Pha's reporter has no email address: notified in the app only
    message = mail.outbox[0]
    assert sorted(message.to) == ["hd2@example.vn", "hd@example.vn"]
    assert "Quá hạn rồi" in message.body and "Sắp tới hạn" in message.body and "Còn lâu" not in message.body
    assert Notification.objects.filter(user=users["hd_reporter"]).count() == 1
    assert Notification.objects.filter(user=users["mp_reporter"]).count() == 1
    assert ReminderLog.objects.count() == 2

    out = _remind("--days", "5", "--date", "2023-06-15")  # cron ran twice: nothing new
    assert "0 unit(s) reminded, 2 already reminded" in out
    assert len(mail.outbox) == 1 and Notification.objects.count() == 3

    _remind("--days", "5", "--date", "2023-06-16")  # the next day is a new digest
    assert len(mail.outbox) == 2


def test_done_tasks_are_not_reminded(make_task, users):
    task = make_task(deadline=D(2023, 6, 1))
    task.done_at = D(2023, 5, 30)
    task.save()
    assert "0 unit(s) reminded" in _remind("--date", "2023-06-15")
    assert not mail.outbox
