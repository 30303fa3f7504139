"""`make bench` only: a scratch database where synthetic guides count as published."""

from .base import *  # noqa: F403

SHOW_SYNTHETIC_GUIDES = True
DEBUG = False
