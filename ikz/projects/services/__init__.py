"""State changes of IKZ projects; each checks everything first, then writes and records the audit
trail. ``roles`` is what the actor is *for this project* (``access.project_roles``): the services
apply the transition table of ``rules`` with it; views decide visibility before calling.

One module per section; every public name is re-exported here (``services.transition``):
:mod:`.charter` (create, charter, proposals), :mod:`.steps` (the lifecycle with effective dates,
corrections), :mod:`.outcomes` (what a finished project led to), :mod:`.history` (back-capture of a
past project), :mod:`.participation` (the matrix's cells), :mod:`.work` (portal, milestones,
decisions, the charter in the library, lessons)."""

from ikz.projects.services.charter import *  # noqa: F403
from ikz.projects.services.charter import CHARTER_FIELDS as CHARTER_FIELDS
from ikz.projects.services.charter import DECISION_FIELDS as DECISION_FIELDS
from ikz.projects.services.charter import LESSON_FIELDS as LESSON_FIELDS
from ikz.projects.services.charter import MILESTONE_FIELDS as MILESTONE_FIELDS
from ikz.projects.services.common import raise_errors as raise_errors
from ikz.projects.services.history import *  # noqa: F403
from ikz.projects.services.outcomes import Outcome as Outcome
from ikz.projects.services.participation import *  # noqa: F403
from ikz.projects.services.steps import *  # noqa: F403
from ikz.projects.services.work import *  # noqa: F403
