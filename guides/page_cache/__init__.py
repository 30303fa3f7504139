"""The page cache, in one package. What other modules use is exported here; the rest is its own.

- middleware.py: keeps and serves whole anonymous pages (settings.MIDDLEWARE);
- declare.py: @public_page for views, @kept and @render_once for the parts of pages;
- versions.py: tags and their versions; bump() for writes that send no signal;
- apps.py: which writes bump which tags (a nested app, so its ready hook wires it);
- redis_backend.py: the Redis cache backend (settings.CACHES) and its client tracking;
- store.py, encoding.py, release.py: storage, compression, the code's fingerprint.
"""

from .declare import kept, public_page, render_once
from .middleware import CACHE_CONTROL
from .versions import GUIDES, SITE, bump, guide_tag

__all__ = [
    "CACHE_CONTROL",
    "GUIDES",
    "SITE",
    "bump",
    "guide_tag",
    "kept",
    "public_page",
    "render_once",
]
