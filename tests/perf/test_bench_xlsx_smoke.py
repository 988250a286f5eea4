"""The Excel benchmark runs at a small size so it cannot rot; no timing is asserted here."""

from tests.perf import bench_xlsx


def test_bench_xlsx_runs_and_prints_its_ratios(capsys):
    figures = bench_xlsx.run(count=150, repeat=1)
    assert all(figures[key] > 0 for key in ("export", "bare_plain", "bare_styled", "import", "bare_import",
                                           "bare_calamine", "command_export", "command_bare_export",
                                           "command_import", "command_bare_import"))
    out = capsys.readouterr().out
    assert out.count("-> ratio") == 6 and "as whole commands" in out and "peak Python memory" in out
