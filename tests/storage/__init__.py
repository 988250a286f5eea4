"""Tests for planner/storage."""
