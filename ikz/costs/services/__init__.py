"""State changes of the money app. Each takes ``actor=``, checks everything before writing and
records the audit entry.

One module per section; every public name is re-exported here (``services.save_key``):
:mod:`.keys` (the key with its case numbers, allocations from draft to released) and
:mod:`.funding` (grant programmes and applications, savings, staffing studies)."""

from ikz.costs.services.funding import *  # noqa: F403
from ikz.costs.services.funding import GRANT_FIELDS as GRANT_FIELDS
from ikz.costs.services.funding import PROGRAMME_FIELDS as PROGRAMME_FIELDS
from ikz.costs.services.funding import SAVINGS_FIELDS as SAVINGS_FIELDS
from ikz.costs.services.funding import STUDY_FIELDS as STUDY_FIELDS
from ikz.costs.services.keys import *  # noqa: F403
from ikz.costs.services.keys import ALLOCATION_FIELDS as ALLOCATION_FIELDS
from ikz.costs.services.keys import KEY_FIELDS as KEY_FIELDS
from ikz.costs.services.keys import cases_of as cases_of
from ikz.costs.services.keys import participants_of as participants_of
from ikz.costs.services.keys import populations_at as populations_at
from ikz.costs.services.keys import staffing_result as staffing_result
