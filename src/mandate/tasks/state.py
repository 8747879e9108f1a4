"""The state of a task, computed from its dates and reports: never typed in.

The rules, in order, on the day ``as_of`` a page or API call looks at:

1. done (``done_at`` set and not after ``as_of``): on time when ``done_at <= deadline``
   (finishing on the deadline day is on time), late otherwise;
2. not done and ``deadline < as_of``: overdue (the deadline day itself is not overdue yet),
   whether or not anyone reported progress;
3. the latest progress report made by ``as_of`` says more than 0 %: in progress;
4. otherwise: not started.

``TaskQuerySet.with_state`` writes the same rules as one SQL ``CASE`` so lists, filters and
counts stay in the database; ``compute_state`` below is the mirror for one object. A test
checks that both agree on every edge case.
"""

from __future__ import annotations

import datetime
from enum import StrEnum


class TaskState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"


DONE_STATES = (TaskState.DONE_ON_TIME, TaskState.DONE_LATE)
OPEN_STATES = (TaskState.NOT_STARTED, TaskState.IN_PROGRESS, TaskState.OVERDUE)


def compute_state(*, deadline: datetime.date, done_at: datetime.date | None, latest_percent: int | None,
                  as_of: datetime.date) -> TaskState:
    if done_at is not None and done_at <= as_of:
        return TaskState.DONE_ON_TIME if done_at <= deadline else TaskState.DONE_LATE
    if deadline < as_of:
        return TaskState.OVERDUE
    if latest_percent:
        return TaskState.IN_PROGRESS
    return TaskState.NOT_STARTED
