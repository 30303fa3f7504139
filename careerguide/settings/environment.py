"""Reading the environment, and where the embedded set-up keeps its files: shared by the settings
modules (base.py, operations.py)."""

import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_count(name, default, unit=""):
    """A whole number from the environment; anything else stops the site with one line."""
    value = os.environ.get(name, "").strip() or str(default)
    if not value.isdigit():
        sys.exit(f"{name} must be a whole number{unit}, not {value!r}.")
    return int(value)


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Files that `make run` writes for the embedded set-up (scripts/setup.sh), kept out of git.
LOCAL_DIR = BASE_DIR / ".local"


def local_secret(name):
    """A value the set-up scripts keep in .local/, or "" when there is none."""
    try:
        return (LOCAL_DIR / name).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, PermissionError):
        return ""
