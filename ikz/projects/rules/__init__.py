"""Pure rules of IKZ projects: no database, no request. One module per section; every public name is
re-exported here (``rules.TRANSITIONS``, ``rules.state_on``).

* :mod:`.lifecycle` — the lifecycle as ONE declared transition table (:data:`TRANSITIONS`): from which
  state to which, who may take the step and what it needs (a complete charter, a verdict with
  reasons, a reason, an outcome); pausing and resuming (decision 93);
* :mod:`.timeline` — the effective dates of steps (decision 92): the state and verdict of a project
  as of a day, the bounds of a step's date, the chain of follow-up projects;
* :mod:`.charter` — the charter (Projektauftrag) and its seven standard elements of seed 003 (A e),
  date checks, milestones, the participation matrix (SUMME) and the annual report.
"""

from ikz.projects.rules.charter import *  # noqa: F403
from ikz.projects.rules.lifecycle import *  # noqa: F403
from ikz.projects.rules.timeline import *  # noqa: F403
