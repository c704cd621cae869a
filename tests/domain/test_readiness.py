"""Exit readiness gates: single-record rules, cross-record rules and where a gate stands."""

from datetime import date

import pytest
from pydantic import ValidationError

from carveout.domain import Party, PartyRole, Portfolio, Service, ServiceKind, validate
from carveout.domain.readiness import (
    CriterionStatus,
    ExitCriterion,
    ExitDecision,
    GateDecision,
    earliest_cutovers,
    service_gates,
)

DUE = date(2022, 3, 1)


def _criterion(code: str, status: str = "met", service: str = "RMS", **kw: object) -> ExitCriterion:
    return ExitCriterion.model_validate(
        {
            "code": code,
            "service": service,
            "criterion": "Data migrated",
            "due": DUE,
            "status": status,
            **kw,
        }
    )


def _portfolio(*criteria: ExitCriterion, decisions: tuple[ExitDecision, ...] = ()) -> Portfolio:
    return Portfolio(
        parties=(Party(code="WM", name="West Mercia", role=PartyRole.HOST),),
        services=(Service(code="RMS", name="Records", kind=ServiceKind.APPLICATION, host="WM"),),
        exit_criteria=criteria,
        exit_decisions=decisions,
    )


def _go(service: str = "RMS") -> ExitDecision:
    return ExitDecision(
        code=f"{service}-GO", service=service, decision=GateDecision.GO, approver="SRO", decided=DUE
    )


def test_an_evidence_link_must_be_a_web_address() -> None:
    with pytest.raises(ValidationError, match="http:// or https://"):
        _criterion("C1", evidence="file://share/evidence.docx")
    assert _criterion("C1", evidence="https://example.org/e/1").evidence.startswith("https")


def test_a_due_date_that_is_not_a_date_is_refused() -> None:
    with pytest.raises(ValidationError, match="due"):
        _criterion("C1", due="next spring")


def test_a_go_before_every_criterion_is_met_names_the_decision_and_the_unmet_criteria() -> None:
    problems = validate(
        _portfolio(_criterion("C1"), _criterion("C2", "in_progress"), decisions=(_go(),))
    )
    assert [(p.kind, p.key, p.field) for p in problems] == [("exit_decision", "RMS-GO", "decision")]
    assert "C2 (in_progress)" in problems[0].expected


def test_a_go_once_criteria_are_met_or_waived_is_accepted() -> None:
    assert (
        validate(_portfolio(_criterion("C1"), _criterion("C2", "waived"), decisions=(_go(),))) == []
    )


def test_a_criterion_or_decision_for_an_unknown_service_is_refused() -> None:
    problems = validate(_portfolio(_criterion("C1", service="NOPE"), decisions=(_go("NOPE"),)))
    assert {(p.kind, p.field, p.value) for p in problems} == {
        ("exit_criterion", "service", "NOPE"),
        ("exit_decision", "service", "NOPE"),
    }


def test_a_gate_can_pass_on_the_latest_due_date_of_its_unmet_criteria() -> None:
    later = date(2022, 5, 1)
    criteria = (
        _criterion("C1", "not_started"),
        _criterion("C2", "in_progress", due=later),
        _criterion("C3", due=date(2023, 1, 1)),
    )
    gate = service_gates(criteria, ())["RMS"]
    assert gate.can_pass == later
    assert [c.code for c in gate.blocking] == ["C1", "C2"]
    assert gate.state == "not_ready"
    assert earliest_cutovers(criteria) == {"RMS": later}
    assert service_gates((_criterion("C3"),), ())["RMS"].state == "ready"
    assert CriterionStatus.WAIVED.passed
