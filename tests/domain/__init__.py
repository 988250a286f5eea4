"""Tests for planner/domain."""
