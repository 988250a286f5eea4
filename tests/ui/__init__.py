"""Tests for planner/ui."""
