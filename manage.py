#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings.base")
    # The statement timeout is for web requests: commands (migrations, imports) may run longer.
    os.environ["DJANGO_STATEMENT_TIMEOUT"] = "0"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
