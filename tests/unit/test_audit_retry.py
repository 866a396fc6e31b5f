"""`make audit` retries a page once when Lighthouse fails on its own trace (scripts/audit.py), and
only then: the decision, from fake reports (no Lighthouse run)."""

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("audit", Path(__file__).resolve().parents[2] / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(audit)

CLEAN = {"categories": {"performance": {"score": 0.93}}, "audits": {}}


def trace_error(code):
    return {**CLEAN, "runtimeError": {"code": code, "message": "The page did not paint any content."}}


@pytest.mark.parametrize("code", ["NO_NAVSTART", "NO_FCP", "NO_DCL"])
def test_trace_error_is_retried(code):
    # The CLI writes the report, then exits 1 (lighthouse/cli/run.js).
    assert code in audit.retry_reason(1, trace_error(code))
    assert code in audit.retry_reason(0, trace_error(code))


def test_non_zero_exit_is_retried_with_or_without_report():
    assert "exit code 1" in audit.retry_reason(1, CLEAN)
    assert "no report" in audit.retry_reason(1, None)


def test_missing_report_is_retried():
    assert audit.retry_reason(0, None) == "no report"


@pytest.mark.parametrize("report", [
    CLEAN,
    {**CLEAN, "runtimeError": None},  # older reports carry an empty runtimeError
    {**CLEAN, "runtimeError": {}},
    {"categories": {"performance": {"score": 0.12}}, "audits": {"x": {"score": 0}}},  # bad scores are a result
])
def test_clean_report_is_kept(report):
    assert audit.retry_reason(0, report) is None


def test_run_retries_once_and_says_so(monkeypatch, capsys, tmp_path):
    results = iter([(1, trace_error("NO_NAVSTART")), (0, CLEAN)])
    calls = []
    monkeypatch.setattr(audit, "run_once", lambda *a: calls.append(a) or next(results))
    assert audit.run("http://x/", tmp_path / "kutsu", "mobile", "kutsu") == CLEAN
    assert len(calls) == 2
    assert "kutsu: Lighthouse failed (runtimeError NO_NAVSTART); retrying once" in capsys.readouterr().err


def test_run_does_not_retry_a_clean_report(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(audit, "run_once", lambda *a: calls.append(a) or (0, CLEAN))
    audit.run("http://x/", tmp_path / "kutsu", "mobile", "kutsu")
    assert len(calls) == 1


def test_run_stops_after_the_second_failure(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(audit, "run_once", lambda *a: calls.append(a) or (1, trace_error("NO_FCP")))
    with pytest.raises(SystemExit, match="failed again"):
        audit.run("http://x/", tmp_path / "kutsu", "mobile", "kutsu")
    assert len(calls) == 2
