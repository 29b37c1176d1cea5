"""How a strategy version reads its state: its consultation's state on a day, and the words shown for both
(from the strategy's lifecycles, one place for each), kept apart from the model's fields."""

from __future__ import annotations

import datetime as dt


class VersionStates:
    """Mixed into `StrategyVersion`: the states it derives and the words that follow them."""

    @property
    def state_word(self) -> str:
        """The state in one word or two (projekt, projekt do konsultacji, obowiązująca), from the lifecycle."""
        from zit.strategy.lifecycles import VERSION_WORDS

        return str(VERSION_WORDS[self.Status(self.status)])

    @property
    def state_label(self) -> str:
        """The state in words, with the adopting resolution: what pages, documents and exports show."""
        from zit.strategy.lifecycles import VERSION

        return VERSION.describe(self)

    @property
    def consultation_wording(self) -> str:
        """The consultation in a sentence whose tense follows its state (trwają do … / trwały od … do …)."""
        from zit.strategy.lifecycles import CONSULTATION

        return CONSULTATION.describe(self)

    @property
    def editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def in_force(self) -> bool:
        return self.status == self.Status.ADOPTED

    @property
    def consultation_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    @property
    def consultation_closed_early(self) -> bool:
        return self.consultation_closed_early_on is not None

    def consultation_open_on(self, day: dt.date) -> bool:
        return (
            self.status == self.Status.CONSULTATION
            and self.consultation_opens is not None
            and self.consultation_closes is not None
            and self.consultation_opens <= day <= self.consultation_closes
            and (self.consultation_closed_early_on is None or day < self.consultation_closed_early_on)
        )

    def consultation_state_on(self, day: dt.date) -> str:
        """Where the consultation stands on `day`: not announced (a draft), planned, running, closed (its end
        passed, it was closed early, or the version was adopted), or withdrawn."""
        S, C = self.Status, self.ConsultationState
        if self.status == S.WITHDRAWN:
            return C.WITHDRAWN
        if self.status in (S.ADOPTED, S.SUPERSEDED):
            return C.CLOSED
        if self.status != S.CONSULTATION:
            return C.NONE
        if self.consultation_closed_early_on is not None:
            return C.CLOSED
        if (
            self.consultation_opens is None
            or self.consultation_closes is None
            or day < self.consultation_opens
        ):
            return C.PLANNED
        return C.RUNNING if day <= self.consultation_closes else C.CLOSED

    @property
    def consultation_state(self) -> str:
        from django.utils import timezone

        return self.consultation_state_on(timezone.localdate())

    @property
    def consultation_running(self) -> bool:
        return self.consultation_state == self.ConsultationState.RUNNING
