"""The benchmarks run at a small size so they cannot rot; no timing is asserted here."""

from tests.perf import bench_store


def test_bench_store_runs_and_prints_its_ratio(capsys):
    service, raw = bench_store.run(count=300, repeat=1)
    assert service > 0 and raw > 0
    assert "ratio" in capsys.readouterr().out
