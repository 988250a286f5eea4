"""Tests for planner/perf."""
