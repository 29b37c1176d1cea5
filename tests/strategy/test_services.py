import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zit.core.models import AuditEvent, DecisionReference
from zit.funding.models import Fund, Indicator, Measure
from zit.strategy import selectors
from zit.strategy.items import item_delete, item_save
from zit.strategy.models import (
    Direction,
    Goal,
    Issue,
    OperationalGoal,
    StrategyVersion,
    TargetIndicator,
    Undertaking,
)
from zit.strategy.services import strategy_create, version_create, version_status_set
from zit.territory.models import AdministrativeUnit


@pytest.fixture
def staff(user_for_role):
    return user_for_role("office_staff")


@pytest.fixture
def version(funding_data, staff):
    strategy = strategy_create(
        actor=staff, title="Strategia Rozwoju Ponadlokalnego Aglomeracji Konińskiej 2030", horizon=2030
    )
    return version_create(actor=staff, strategy=strategy, label="projekt")


def _tree(staff, version):
    """A small strategy: one barrier, goal C1 → C1.1 → K1.1.1 → P1 with an indicator, covering Konin."""
    save = lambda model, **f: item_save(actor=staff, version=version, model=model, fields=f)  # noqa: E731
    issue = save(Issue, kind="barrier", title="Zależność od węgla", swot="weakness")
    goal = save(Goal, code="C1", title="Gospodarka po węglu", dimension="economic", issues=[issue])
    operational = save(OperationalGoal, code="C1.1", title="Nowe miejsca pracy", goal=goal)
    direction = save(Direction, code="K1.1.1", title="Tereny inwestycyjne", operational_goal=operational)
    konin = AdministrativeUnit.objects.get(terc="3062011")
    undertaking = save(
        Undertaking,
        code="P1",
        title="Uzbrojenie terenów inwestycyjnych",
        kind="investment",
        directions=[direction],
        gminas=[konin],
        issues=[issue],
        estimated_cost_pln=Decimal("12000000"),
    )
    indicator = save(
        TargetIndicator,
        indicator=Indicator.objects.get(code="RCO01"),
        goal=goal,
        baseline_value=Decimal("0"),
        baseline_year=2021,
        target_value=Decimal("40"),
        target_year=2029,
        source="SL2021",
    )
    return issue, goal, operational, direction, undertaking, indicator


def test_items_are_audited_and_codes_unique(version, staff):
    issue, goal, *_ = _tree(staff, version)
    assert AuditEvent.objects.filter(action="strategy.goal_create", actor_id=staff.pk).exists()
    with pytest.raises(ValidationError) as exc:
        item_save(
            actor=staff,
            version=version,
            model=Goal,
            fields={"code": "c1", "title": "Drugi", "dimension": "social"},
        )
    assert "code" in exc.value.message_dict
    item_save(
        actor=staff, version=version, model=Goal, item=goal, fields={"title": "Gospodarka po górnictwie"}
    )
    event = AuditEvent.objects.get(action="strategy.goal_update")
    assert (
        event.before["title"] == "Gospodarka po węglu" and event.after["title"] == "Gospodarka po górnictwie"
    )


def test_indicator_needs_one_owner_and_years_in_order(version, staff):
    _, goal, operational, *_ = _tree(staff, version)
    rco = Indicator.objects.get(code="RCO02")
    with pytest.raises(ValidationError) as exc:
        item_save(
            actor=staff,
            version=version,
            model=TargetIndicator,
            fields={"indicator": rco, "goal": goal, "operational_goal": operational},
        )
    assert "goal" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        item_save(
            actor=staff,
            version=version,
            model=TargetIndicator,
            fields={
                "indicator": rco,
                "goal": goal,
                "baseline_value": Decimal(1),
                "baseline_year": 2024,
                "target_value": Decimal(2),
                "target_year": 2020,
            },
        )
    assert "target_year" in exc.value.message_dict


def test_only_office_staff_edit_the_strategy(version, user_for_role):
    for role in ("board_member", "body_secretary", "audit_committee"):
        with pytest.raises(PermissionDenied):
            item_save(
                actor=user_for_role(role),
                version=version,
                model=Issue,
                fields={"kind": "barrier", "title": "X"},
            )
    assert not Issue.objects.exists()


def test_new_version_copies_every_item_with_its_key_and_links(version, staff):
    issue, goal, operational, direction, undertaking, indicator = _tree(staff, version)
    decision = DecisionReference.objects.create(
        issuer_kind="association_body",
        issuer_name="Rada Stowarzyszenia",
        kind="uchwała",
        number="5/2024",
        date=dt.date(2024, 9, 12),
    )
    version_status_set(actor=staff, version=version, status="consultation")
    version_status_set(actor=staff, version=version, status="adopted", decision=decision)
    second = version_create(actor=staff, strategy=version.strategy, label="aktualizacja")
    copied = Undertaking.objects.get(version=second)
    assert copied.key == undertaking.key and copied.pk != undertaking.pk
    assert [d.key for d in copied.directions.all()] == [direction.key]
    assert copied.directions.get().version == second  # links point inside the new version
    assert copied.issues.get().version == second
    assert [g.terc for g in copied.gminas.all()] == ["3062011"]
    assert TargetIndicator.objects.get(version=second).goal.key == goal.key
    assert Direction.objects.get(version=second).operational_goal.goal.version == second
    # the adopted version is frozen
    with pytest.raises(ValidationError):
        item_save(actor=staff, version=version, model=Goal, item=goal, fields={"title": "Zmiana"})


def test_comparison_by_key(version, staff):
    issue, goal, *_ = _tree(staff, version)
    version_status_set(actor=staff, version=version, status="consultation")
    second = version_create(
        actor=staff, strategy=version.strategy, label="po konsultacjach", based_on=version
    )
    goal2 = Goal.objects.get(version=second, key=goal.key)
    item_save(
        actor=staff,
        version=second,
        model=Goal,
        item=goal2,
        fields={"title": "Gospodarka po górnictwie", "issues": []},
    )
    item_save(
        actor=staff,
        version=second,
        model=Goal,
        fields={"code": "C2", "title": "Czyste powietrze", "dimension": "environmental"},
    )
    item_delete(actor=staff, item=Issue.objects.get(version=second))
    changes = {(c.model_label, c.status, c.label) for c in selectors.version_compare(version, second)}
    assert ("cel strategiczny", "added", "C2 Czyste powietrze") in changes
    assert ("bariera lub potencjał", "removed", "Zależność od węgla") in changes
    changed = next(c for c in selectors.version_compare(version, second) if c.status == "changed")
    assert (
        changed.model_label,
        changed.fields[0][1],
        changed.fields[0][2],
    ) == ("cel strategiczny", "Gospodarka po węglu", "Gospodarka po górnictwie")


def test_comparison_shows_moves_leads_and_amounts_as_people_read_them(version, staff):
    from zit.organisations.models import Organisation

    _issue, goal, operational, _direction, undertaking, _indicator = _tree(staff, version)
    version_status_set(actor=staff, version=version, status="consultation")
    second = version_create(actor=staff, strategy=version.strategy, label="v2", based_on=version)
    save = lambda model, item=None, **f: item_save(  # noqa: E731
        actor=staff, version=second, model=model, item=item, fields=f
    )
    goal2 = save(Goal, code="C2", title="Czyste powietrze", dimension="environmental")
    save(OperationalGoal, item=OperationalGoal.objects.get(version=second, key=operational.key), goal=goal2)
    konin_city = Organisation.objects.filter(name__icontains="Konin").order_by("pk").first()
    save(
        Undertaking,
        item=Undertaking.objects.get(version=second, key=undertaking.key),
        lead=konin_city,
        estimated_cost_pln=Decimal("12500000.50"),
    )
    changes = selectors.version_compare(version, second)
    moved = next(c for c in changes if c.key == operational.key)
    assert moved.status == "moved"
    assert ("cel strategiczny", "C1 Gospodarka po węglu", "C2 Czyste powietrze") in moved.fields
    changed = next(c for c in changes if c.key == undertaking.key)
    assert changed.status == "changed"
    assert ("lider", "—", konin_city.name) in changed.fields
    cost = next(f for f in changed.fields if f[0] == "szacowany koszt (PLN)")
    assert cost[1].replace("\xa0", " ") == "12 000 000,00 zł"
    assert cost[2].replace("\xa0", " ") == "12 500 000,50 zł"
    for change in changes:
        for _name, before, after in change.fields:
            assert before not in {undertaking.key, goal.key} and after not in {undertaking.key, goal.key}


def test_adoption_needs_a_resolution_and_supersedes_the_previous(version, staff):
    with pytest.raises(ValidationError):
        version_status_set(actor=staff, version=version, status="adopted")
    decision = DecisionReference.objects.create(
        issuer_kind="association_body",
        issuer_name="Rada",
        kind="uchwała",
        number="1",
        date=dt.date(2022, 10, 1),
    )
    with pytest.raises(ValidationError):
        version_status_set(actor=staff, version=version, status="adopted", decision=decision)  # not consulted
    version_status_set(actor=staff, version=version, status="consultation")
    version_status_set(actor=staff, version=version, status="adopted", decision=decision)
    second = version_create(actor=staff, strategy=version.strategy, label="aktualizacja")
    with pytest.raises(ValidationError):
        version_create(actor=staff, strategy=version.strategy, label="druga robocza")
    version_status_set(actor=staff, version=second, status="consultation")
    version_status_set(actor=staff, version=second, status="adopted", decision=decision)
    version.refresh_from_db()
    assert version.status == StrategyVersion.Status.SUPERSEDED
    with pytest.raises(ValidationError):
        version_status_set(actor=staff, version=version, status="draft")


def test_coherence_lists_what_is_missing(version, staff):
    kinds = {g.kind for g in selectors.coherence_gaps(version)}
    assert {"no_issues", "no_goals"} <= kinds
    issue, goal, operational, direction, undertaking, indicator = _tree(staff, version)
    gaps = selectors.coherence_gaps(version)
    kinds = {g.kind for g in gaps}
    assert "no_goals" not in kinds and "issue_unanswered" not in kinds and "goal_no_indicator" not in kinds
    untouched = [g.item.name for g in gaps if g.kind == "gmina_untouched"]
    assert len(untouched) == 14 and "Konin" not in untouched
    lonely = item_save(
        actor=staff,
        version=version,
        model=Undertaking,
        fields={"code": "P2", "title": "Bez celu", "kind": "soft"},
    )
    item_save(actor=staff, version=version, model=Issue, fields={"kind": "potential", "title": "Jeziora"})
    item_save(actor=staff, version=version, model=TargetIndicator, item=indicator, fields={"source": ""})
    gaps = {(g.kind, getattr(g.item, "pk", None)) for g in selectors.coherence_gaps(version)}
    assert ("undertaking_no_goal", lonely.pk) in gaps and ("undertaking_no_area", lonely.pk) in gaps
    assert any(kind == "issue_unanswered" for kind, _ in gaps)
    assert ("indicator_incomplete", indicator.pk) in gaps


def test_financial_frame_by_goal_and_source(version, staff):
    *_, undertaking, _ = _tree(staff, version)
    from zit.strategy.models import FundingSource

    item_save(
        actor=staff,
        version=version,
        model=FundingSource,
        fields={
            "undertaking": undertaking,
            "kind": "programme",
            "measure": Measure.objects.get(number="10.4"),
            "amount_pln": Decimal("8000000"),
        },
    )
    with pytest.raises(ValidationError):
        item_save(
            actor=staff,
            version=version,
            model=FundingSource,
            fields={
                "undertaking": undertaking,
                "kind": "programme",
                "measure": Measure.objects.get(number="10.4"),
                "fund": Fund.objects.get(code="EFRR"),
            },
        )
    frame = selectors.financial_frame(version)
    assert frame.total == Decimal("12000000") and frame.by_goal[0][1] == Decimal("12000000")
    assert frame.by_source == [("FST", Decimal("8000000"))] and frame.unsourced == Decimal("4000000")


def test_one_draft_and_one_consultation_at_a_time(version, staff):
    version_status_set(actor=staff, version=version, status="consultation")
    second = version_create(actor=staff, strategy=version.strategy, label="druga")
    with pytest.raises(ValidationError):
        version_status_set(actor=staff, version=version, status="draft")  # a second draft
    with pytest.raises(ValidationError):
        version_status_set(actor=staff, version=second, status="consultation")  # a second consultation


def test_adoption_waits_for_the_consultation_and_its_answers(version, staff):
    from zit.strategy.consultations import (
        comment_moderate,
        comment_respond,
        comment_submit,
        consultation_close_early,
        consultation_period_set,
    )

    decision = DecisionReference.objects.create(
        issuer_kind="association_body",
        issuer_name="Rada",
        kind="uchwała",
        number="2",
        date=dt.date(2024, 9, 1),
    )
    version_status_set(actor=staff, version=version, status="consultation")
    version.refresh_from_db()
    today = dt.date.today()
    consultation_period_set(
        actor=staff, version=version, opens=today - dt.timedelta(days=40), closes=today + dt.timedelta(days=1)
    )
    comment = comment_submit(version=version, target_key="ogolna", text="Uwaga do całej strategii (test).")
    with pytest.raises(ValidationError):
        version_status_set(actor=staff, version=version, status="adopted", decision=decision)  # still open
    with pytest.raises(ValidationError) as refused:  # comments came in: the end is not moved into the past
        consultation_period_set(
            actor=staff,
            version=version,
            opens=today - dt.timedelta(days=40),
            closes=today - dt.timedelta(days=1),
        )
    assert "Zakończ konsultacje wcześniej" in refused.value.message_dict["closes"][0]
    consultation_close_early(actor=staff, version=version, reason="Rada zwołana wcześniej.")
    comment_moderate(actor=staff, comment=comment, publish=True)
    with pytest.raises(ValidationError):
        version_status_set(actor=staff, version=version, status="adopted", decision=decision)  # unanswered
    comment_respond(actor=staff, comment=comment, response="rejected", text="Poza zakresem strategii ZIT.")
    version_status_set(actor=staff, version=version, status="adopted", decision=decision)


def test_item_rules_swot_years_and_funding(version, staff):
    *_, undertaking, indicator = _tree(staff, version)
    from zit.strategy.models import FundingSource

    with pytest.raises(ValidationError) as exc:
        item_save(
            actor=staff,
            version=version,
            model=Issue,
            fields={"kind": "potential", "swot": "threat", "title": "Jeziora"},
        )
    assert "swot" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        item_save(
            actor=staff, version=version, model=TargetIndicator, item=indicator, fields={"target_year": 32000}
        )
    assert "target_year" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        item_save(
            actor=staff,
            version=version,
            model=FundingSource,
            fields={
                "undertaking": undertaking,
                "kind": "private",
                "measure": Measure.objects.get(number="10.4"),
                "amount_pln": Decimal(1),
            },
        )
    assert "measure" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        item_save(
            actor=staff,
            version=version,
            model=FundingSource,
            fields={"undertaking": undertaking, "kind": "own", "amount_pln": Decimal("12000001")},
        )
    assert "amount_pln" in exc.value.message_dict
