"""Files of meetings: the invitation's calendar entry (iCalendar, the notifications' one writer)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from ikz.meetings.models import Meeting
from ikz.meetings.sources import calendar_date
from ikz.notifications.rules import calendar


def invitation_ics(meeting: Meeting) -> str:
    return calendar(
        str(meeting), [calendar_date(meeting)], stamp=timezone.now(), base_url=settings.IKZ_BASE_URL
    )
