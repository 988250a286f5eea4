"""Benchmark: the 总览 on a 20,000-task plan, against a bare window start and a bare chart, in one run.

Run by hand: python tests/perf/bench_dashboard.py [--tasks 20000] [--repeat 5]
Prints, best of ``repeat``:
- the dashboard's figures computed (SQL aggregates, services.dashboard) and drawn (three charts,
  three lists, the window painted by grab()), in-process on the open window (goal ≤ 200 ms),
  with the figures part and the drawing part separately;
- beside it, in the same run: a bare PySide6 window start (a process that shows an empty
  QMainWindow and grabs it, from launch to the PNG written), and a bare QtCharts stacked bar
  of the same per-unit counts from one plain GROUP BY (no services, lists or other charts);
- the timeline drawn for all tasks (no goal; it is drawn only when its tab is opened).
The plan: 40 lead units, deadlines from 2025 to 2028 around today, every status, 5% 持续推进,
already-done tasks with a dated 已完成 report.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.perf.bench_cli import run_from_command_line  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = dt.date(2026, 11, 30)
UNITS = [f"{city}{department}" for city in ("省", "郑州市", "洛阳市", "开封市")
         for department in ("发展改革委", "财政局", "自然资源局", "生态环境局", "交通运输局", "教育局", "科技局",
                            "商务局", "水利局", "农业农村局")]

BARE_WINDOW = textwrap.dedent("""
    import sys
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication([])
    window = QMainWindow()
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    window.grab().save(sys.argv[1], "PNG")
""")


def build_plan(path: Path, count: int) -> int:
    from planner.domain.model import NewTask, ProgressEntry, Status
    from planner.exchange.builtin import load_builtin
    from planner.services import documents, plans, tasks, workspace

    db = workspace.open_workspace(path, load_builtin(ROOT / "resources"))
    plan = plans.most_recent_plan(db)
    item_ids = [item.id for item in documents.load_document(db, plan.document_id).items]
    statuses = list(Status)
    new = []
    for n in range(count):
        deadline = TODAY + dt.timedelta(days=(n * 37) % 1400 - 700)
        status = statuses[(n // 7) % len(statuses)]  # every unit gets every status
        phrase = "持续推进" if n % 20 == 0 else deadline.isoformat()
        done = (ProgressEntry(date=deadline - dt.timedelta(days=n % 11 - 5), text="已完成", status=Status.DONE),) \
            if status is Status.DONE else ()
        new.append(NewTask(item_id=item_ids[n % len(item_ids)], content=f"推进第{n}项区域协调发展重点任务",
                           lead_unit=UNITS[(n * 7) % len(UNITS)], deadline_phrase=phrase, status=status,
                           progress=done))
    tasks.bulk_create_tasks(db, plan.id, new)
    db.close()
    return plan.id


def bare_window_start(folder: Path, repeat: int) -> float:
    from tests.perf.bench_window import timed_run

    script = folder / "bare_window.py"
    script.write_text(BARE_WINDOW, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": str(folder / "bytecode")}
    png = folder / "bare.png"
    runs = [timed_run([sys.executable, str(script), str(png)], env, png).drawn for _ in range(repeat + 1)]
    return min(runs[1:])  # the first fills the bytecode cache


def bare_chart(db, plan_id: int, view) -> None:
    """The least a chart of the same per-unit counts needs: one GROUP BY, one stacked series, painted."""
    from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QHorizontalStackedBarSeries
    from PySide6.QtCore import Qt

    rows = list(db.execute(
        """SELECT u.name, sum(t.status = '已完成'), sum(t.status IN ('推进中', '已滞后')),
                  sum(t.status = '未启动'), sum(t.status NOT IN ('已完成', '已暂停') AND t.deadline_date < ?)
           FROM tasks t LEFT JOIN units u ON u.id = t.lead_unit_id
           WHERE t.plan_id = ? AND t.deleted_at IS NULL GROUP BY t.lead_unit_id""",
        [TODAY.isoformat(), plan_id]).fetchall())
    chart = QChart()
    series = QHorizontalStackedBarSeries()
    for column in range(1, 5):
        bar_set = QBarSet(str(column))
        bar_set.append([float(row[column] or 0) for row in rows])
        series.append(bar_set)
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append([row[0] or "" for row in rows])
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis)
    old = view.chart()
    view.setChart(chart)
    old.deleteLater()
    view.grab()


def run(count: int, repeat: int) -> dict[str, float]:
    from PySide6.QtCharts import QChartView
    from PySide6.QtWidgets import QApplication

    from planner.services import dashboard, workspace
    from planner.exchange.builtin import load_builtin
    from planner.ui.dashboard.dashboard_window import DashboardWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db_path = folder / "big.db"
        plan_id = build_plan(db_path, count)
        db = workspace.open_workspace(db_path, load_builtin(ROOT / "resources"))
        board = DashboardWindow()
        board.resize(1366, 768)
        board.show()
        app.processEvents()
        figures_ms, drawn_ms, total_ms, bare_chart_ms, timeline_ms = [], [], [], [], []
        bare_view = QChartView()
        bare_view.resize(700, 900)
        for _ in range(repeat):
            start = time.perf_counter()
            figures = dashboard.dashboard_figures(db, plan_id, today=TODAY)
            computed = time.perf_counter()
            board.overview.show_figures(figures)
            board.grab()  # paints every visible chart and list now
            done = time.perf_counter()
            figures_ms.append((computed - start) * 1000)
            drawn_ms.append((done - computed) * 1000)
            # The window's own path, as after an edit: refresh → figures → charts → paint.
            start = time.perf_counter()
            board.refresh(db, plan_id, today=TODAY)
            board.grab()
            total_ms.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            bare_chart(db, plan_id, bare_view)
            bare_chart_ms.append((time.perf_counter() - start) * 1000)
        board.tabs.setCurrentWidget(board.timeline)
        for _ in range(max(1, repeat // 2)):
            start = time.perf_counter()
            board.refresh(db, plan_id, today=TODAY)
            board.grab()
            timeline_ms.append((time.perf_counter() - start) * 1000)
        board.close()
        board.deleteLater()
        db.close()
        window_start = bare_window_start(folder, max(1, repeat // 2)) * 1000
    result = {"figures": min(figures_ms), "drawn": min(drawn_ms), "total": min(total_ms),
              "bare_window_start": window_start, "bare_chart": min(bare_chart_ms), "timeline": min(timeline_ms)}
    print(f"dashboard, {count} tasks, {len(figures.units)} units: figures computed and drawn "
          f"{result['total']:.0f} ms (goal <= 200 ms) = figures (SQL aggregates) {result['figures']:.0f} ms "
          f"+ charts, lists and paint {result['drawn']:.0f} ms")
    print(f"  beside it: bare PySide6 window start (launch to drawn) {window_start:.0f} ms; "
          f"bare QtCharts stacked bar of the same unit counts from one GROUP BY {result['bare_chart']:.0f} ms "
          f"(dashboard {result['total'] / result['bare_chart']:.1f}x of it)")
    print(f"  figures: {figures.total} tasks, 逾期 {figures.overdue}, 临期 {figures.due_soon}, "
          f"无具体日期 {figures.undated}, 完成率 {figures.done_rate:.1%}")
    print(f"timeline of all tasks drawn: {result['timeline']:.0f} ms (no goal; drawn when its tab is opened)")
    return result


def main() -> None:
    run_from_command_line(run, __doc__, repeat=5)


if __name__ == "__main__":
    main()
