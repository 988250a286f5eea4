"""Dialogs, each with one ask() seam that tests can answer."""
