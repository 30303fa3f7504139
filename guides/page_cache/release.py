"""A fingerprint of the code that renders pages, so validators change when a deploy changes pages."""

import hashlib

from django.conf import settings


def _fingerprint():
    digest = hashlib.sha256()
    for folder in (settings.BASE_DIR / "templates", settings.BASE_DIR / "guides"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {".html", ".py", ".css"}:
                digest.update(path.read_bytes())
    for path in sorted((settings.BASE_DIR / "static").rglob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


RELEASE = _fingerprint()
