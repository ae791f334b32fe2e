"""State changes of the task-area catalogue, the regions' inventories of cooperations and operating
cooperations. Every function takes the actor and writes the audit log.

``inventory`` holds the catalogue and the inventory, ``operations`` the operating details (term,
periods, joining, leaving, notice), ``reminders`` the e-mails before notice deadlines.

``contact_addresses`` (a read) lives in :mod:`ikz.cooperation.queries`; it is re-exported here for
callers that imported it from the services.
"""

from ikz.cooperation.queries import contact_addresses
from ikz.cooperation.services.inventory import (
    DATE_FIELDS,
    ParticipantRow,
    create_field,
    create_task_area,
    date_labels,
    save_cooperation,
    set_participant,
    update_field,
    update_task_area,
)
from ikz.cooperation.services.operations import (
    OPERATION_FIELDS,
    MeetingRow,
    PeriodRow,
    operation_problems,
    record_joining,
    record_leaving,
    record_notice,
    save_operation,
    set_board_meetings,
    set_periods,
)
from ikz.cooperation.services.reminders import (
    DEFAULT_REMINDER_DAYS,
    ReminderResult,
    send_notice_reminders,
)
from ikz.cooperation.services.timeline import (
    correct_cooperation_date,
    correct_participation_date,
    end_cooperation,
)

__all__ = [
    "DATE_FIELDS",
    "DEFAULT_REMINDER_DAYS",
    "OPERATION_FIELDS",
    "MeetingRow",
    "ParticipantRow",
    "PeriodRow",
    "ReminderResult",
    "contact_addresses",
    "correct_cooperation_date",
    "correct_participation_date",
    "create_field",
    "create_task_area",
    "date_labels",
    "end_cooperation",
    "operation_problems",
    "record_joining",
    "record_leaving",
    "record_notice",
    "save_cooperation",
    "save_operation",
    "send_notice_reminders",
    "set_board_meetings",
    "set_participant",
    "set_periods",
    "update_field",
    "update_task_area",
]
