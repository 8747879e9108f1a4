import datetime

import pytest

from mandate.tasks import demo_data
from mandate.tasks.models import DeadlineExtension, Task
from mandate.tasks.queries import state_counts

pytestmark = pytest.mark.django_db


def test_demo_tasks_load_on_a_bare_tree_once_with_every_state(tree):
    tasks = demo_data.load(None)
    assert demo_data.ORDER == 20
    assert len(tasks) == Task.objects.count() > 30
    assert all(t.is_demo for t in tasks)
    assert {t.source_document.number for t in tasks} == {"150-KH/TU", "129/KH-UBND"}
    in_june = state_counts(Task.objects.all(), datetime.date(2023, 6, 10))
    assert in_june["in_progress"] > 0 and in_june["done_on_time"] > 0
    next_year = state_counts(Task.objects.all(), datetime.date(2024, 3, 1))
    assert next_year["done_on_time"] > next_year["done_late"] > 0 and next_year["overdue"] > 0
    granted = DeadlineExtension.objects.get(state="granted").task
    assert granted.deadline > granted.original_deadline
    assert DeadlineExtension.objects.filter(state="refused").count() == 1
    assert demo_data.load(None) == []  # a second run adds nothing
    assert Task.objects.count() == len(tasks)
