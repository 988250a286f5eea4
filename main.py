"""Start the planner: the window, or a command when one is given."""

from planner.app import main

if __name__ == "__main__":
    raise SystemExit(main())
