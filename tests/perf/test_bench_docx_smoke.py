"""The Word export benchmark runs at a small size so it cannot rot; no timing is asserted here."""

from tests.perf import bench_docx


def test_bench_docx_runs_and_prints_its_ratio(capsys):
    small, large = bench_docx.run(count=40, factor=2, repeat=1)
    assert small > 0 and large > 0
    out = capsys.readouterr().out
    assert "40 tasks" in out and "80 tasks" in out and "ratio" in out
