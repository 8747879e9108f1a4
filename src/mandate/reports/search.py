"""Search across documents, targets and tasks, with the visibility querysets each page and
the API use (``documents.api.visible_documents``, ``targets.api.reportable_targets``,
``tasks.services.visible_tasks``). Four queries whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from mandate.core.search import matching

LIMIT = 50


@dataclass
class Results:
    q: str
    documents: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    tasks: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.documents) + len(self.targets) + len(self.tasks)


def search(user, q: str) -> Results:
    from mandate.documents.api import visible_documents
    from mandate.targets.api import reportable_targets
    from mandate.tasks.services import visible_tasks

    results = Results(q=q)
    if not q.strip():
        return results
    results.documents = list(matching(visible_documents(user), q, "number", "title", "summary")
                             .select_related("issuing_unit").order_by("-issued_on", "number")[:LIMIT])
    results.targets = list(matching(reportable_targets(user), q, "indicator", "source_text", "org_unit__name_vi",
                                    "org_unit__name_en")
                           .select_related("document", "org_unit").order_by("-period_end", "indicator")[:LIMIT])
    results.tasks = list(matching(visible_tasks(user), q, "title", "description", "source_note")
                         .select_related("lead_unit").order_by("deadline", "pk")[:LIMIT])
    return results
