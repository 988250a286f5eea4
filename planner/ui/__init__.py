"""The PySide6 window, its models and dialogs."""
