import datetime as dt

import pytest
from factories.governance import MeetingFactory

from zit.governance.documents import minutes
from zit.governance.meetings import demo_meeting_hours

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("association_data")]


def test_a_demo_meeting_sat_from_its_start_for_an_hour_and_three_quarters():
    meeting = MeetingFactory(is_demo=True)
    demo_meeting_hours(meeting)
    assert meeting.opened_at == meeting.starts_at
    assert meeting.closed_at - meeting.opened_at == dt.timedelta(minutes=105)
    record = minutes(meeting)
    assert (record.start, record.end) == ("10:00", "11:45")


def test_a_real_meeting_keeps_the_hours_it_was_opened_and_closed():
    meeting = MeetingFactory(is_demo=False)
    with pytest.raises(ValueError):
        demo_meeting_hours(meeting)
