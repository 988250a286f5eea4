"""Tests for planner/services."""
