"""The governance app's background jobs; `core.jobs` imports this module so that the handlers register."""

from zit.governance.request_reminders import information_requests_reminder  # noqa: F401
