"""Tests for planner/exchange."""
