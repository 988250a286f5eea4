"""The marker a window action returns when it has shown the user a problem instead of a result."""

FAILED = object()
