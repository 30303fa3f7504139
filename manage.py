#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings.base")
    # The statement timeout is for web requests: commands (migrations, imports) may run longer.
    os.environ["DJANGO_STATEMENT_TIMEOUT"] = "0"
    # After `make run`, commands add their durations to the site's metrics (guides/ops/metrics.py).
    metrics_dir = Path(__file__).resolve().parent / ".local" / "metrics"
    if metrics_dir.is_dir():
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(metrics_dir))
    from django.core.management import execute_from_command_line

    from guides.ops.metrics import timed_command

    with timed_command(sys.argv[1] if len(sys.argv) > 1 else "help"):
        execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
