"""Pure rules of the planner: no Qt, no SQL, no files."""
