"""The background jobs of requests for public information; `core.jobs` imports this module so that the handlers
register."""

from zit.public_information.reminders import information_requests_reminder  # noqa: F401
