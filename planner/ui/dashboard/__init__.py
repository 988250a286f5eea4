"""总览: the dashboard window (figures, charts, due lists, timeline) and its hook-up to the main window."""
