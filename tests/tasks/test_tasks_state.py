"""The computed state: SQL annotation and Python mirror agree on every edge case."""

import datetime

import pytest

from mandate.tasks.models import ProgressReport, Task
from mandate.tasks.state import TaskState, compute_state

pytestmark = pytest.mark.django_db

D = datetime.date
DEADLINE = D(2023, 6, 15)


@pytest.mark.parametrize(
    ("done_at", "percent", "as_of", "expected"),
    [
        (DEADLINE, 100, D(2023, 7, 1), TaskState.DONE_ON_TIME),  # done on the deadline day = on time
        (D(2023, 6, 16), 100, D(2023, 7, 1), TaskState.DONE_LATE),  # one day after = late
        (None, None, D(2023, 6, 16), TaskState.OVERDUE),  # no report yet, deadline passed
        (None, 60, D(2023, 6, 16), TaskState.OVERDUE),  # reported but not done, deadline passed
        (None, None, DEADLINE, TaskState.NOT_STARTED),  # the deadline day itself is not overdue yet
        (None, 0, D(2023, 6, 1), TaskState.NOT_STARTED),  # a 0 % report is not progress
        (None, 30, DEADLINE, TaskState.IN_PROGRESS),
        (D(2023, 6, 20), 100, D(2023, 6, 18), TaskState.OVERDUE),  # as of before it was done: still open
        (D(2023, 6, 10), 100, D(2023, 6, 10), TaskState.DONE_ON_TIME),  # done today
    ],
)
def test_sql_and_python_agree(make_task, users, done_at, percent, as_of, expected):
    task = make_task()
    if percent is not None:
        on = min(done_at or as_of, as_of) if done_at else D(2023, 5, 1)
        ProgressReport.objects.create(task=task, org_unit=task.lead_unit, percent=percent, reported_on=on)
    if done_at:
        Task.objects.filter(pk=task.pk).update(done_at=done_at)
    task.refresh_from_db()
    annotated = Task.objects.with_state(as_of).get(pk=task.pk)
    assert annotated.state == expected
    assert task.state_on(as_of) == expected
    assert compute_state(deadline=task.deadline, done_at=task.done_at,
                         latest_percent=task.latest_percent_on(as_of), as_of=as_of) == expected


def test_latest_report_counts_as_of_the_day_viewed(make_task):
    task = make_task()
    ProgressReport.objects.create(task=task, org_unit=task.lead_unit, percent=40, reported_on=D(2023, 5, 10))
    assert Task.objects.with_state(D(2023, 5, 9)).get().state == TaskState.NOT_STARTED
    assert Task.objects.with_state(D(2023, 5, 10)).get().state == TaskState.IN_PROGRESS
    assert Task.objects.with_state(D(2023, 5, 10)).get().latest_percent == 40


def test_a_coordinating_units_report_does_not_move_the_task(make_task, tree):
    task = make_task(coordinating_units=[tree.mai_pha])
    ProgressReport.objects.create(task=task, org_unit=tree.mai_pha, percent=80, reported_on=D(2023, 5, 10))
    assert Task.objects.with_state(D(2023, 5, 20)).get().state == TaskState.NOT_STARTED
    assert task.state_on(D(2023, 5, 20)) == TaskState.NOT_STARTED


def test_counting_by_state_is_one_query(make_task, django_assert_num_queries):
    for i in range(5):
        make_task(title=f"Việc {i}", deadline=D(2023, 6, 1 + i))
    from mandate.tasks.queries import state_counts

    with django_assert_num_queries(1):
        counts = state_counts(Task.objects.all(), D(2023, 6, 3))
    assert counts["overdue"] == 2 and counts["not_started"] == 3 and counts["assigned"] == 5
