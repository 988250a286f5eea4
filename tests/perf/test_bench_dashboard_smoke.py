"""The dashboard benchmark runs at a small size so it cannot rot; no timing is asserted here."""

from tests.perf import bench_dashboard


def test_bench_dashboard_runs_and_prints_its_figures(capsys, qapp):
    figures = bench_dashboard.run(count=400, repeat=1)
    assert figures["total"] > 0 and figures["bare_window_start"] > 0 and figures["bare_chart"] > 0
    out = capsys.readouterr().out
    assert "figures computed and drawn" in out and "bare PySide6 window start" in out and "timeline" in out
    assert "400 tasks" in out
