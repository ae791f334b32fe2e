"""State changes of meetings; each takes ``actor=`` and writes the audit trail. One module per
section: ``bodies`` (organisations, people, memberships), ``sittings`` (meetings: agenda,
invitation, attendance, results, minutes, the open actions), ``papers`` (draft resolutions through
the steering group and each member council)."""

from ikz.meetings.services.bodies import *  # noqa: F403
from ikz.meetings.services.papers import *  # noqa: F403
from ikz.meetings.services.sittings import *  # noqa: F403
