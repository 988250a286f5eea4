"""The command line the 20,000-task benchmarks share: --tasks and --repeat."""

import argparse
from collections.abc import Callable


def run_from_command_line(run: Callable[[int, int], object], doc: str, *, repeat: int = 3) -> None:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=repeat)
    args = parser.parse_args()
    run(args.tasks, args.repeat)
