"""The window benchmark runs at a small size so it cannot rot; no timing is asserted here."""

from tests.perf import bench_window


def test_bench_window_runs_and_prints_its_figures(capsys, qapp):
    figures = bench_window.run(count=300, repeat=1, uncached=False)
    assert figures["app"] > 0 and figures["bare"] > 0 and figures["filters"]
    out = capsys.readouterr().out
    assert "ratio" in out and "text filter" in out
