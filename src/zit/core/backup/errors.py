"""The one error of backups and restores: a refusal or a failure, with a message for the operator in Polish."""


class BackupError(Exception):
    """`written` tells whether the restore had begun writing to the database or MEDIA_ROOT when it failed; a
    refusal always comes before, with nothing written."""

    def __init__(self, message: str, *, written: bool = False):
        super().__init__(message)
        self.written = written
