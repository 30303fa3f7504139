"""The API object: its routers, error handling and the OpenAPI document's description."""

from guides.page_cache import CACHE_CONTROL, public_page

from .guides import router as guides_router
from .http import MAX_PER_PAGE, PER_PAGE, PublicApi, install_error_handlers
from .occupations import router as occupations_router
from .schemas import LICENCE

DESCRIPTION = (
    "Read-only public data of Career Guide: the published guides (the catalogue's filters, every "
    "section's data in the editors' fixture format with its Markdown rendered to HTML) and the "
    "occupations of the current BLS OEWS release with their pay by area.\n\n"
    f"No key, no cookies, CORS open for GET. Lists come {PER_PAGE} a page (`per_page` up to "
    f"{MAX_PER_PAGE}). Every success carries an `ETag` and `Cache-Control: {CACHE_CONTROL}`: send "
    "the ETag back in `If-None-Match` for a 304. A bad parameter (misspelt ones too) gives a 400, "
    "an unknown item a 404, each with `detail` in words. Every response has a `licence` block."
)

api = PublicApi(
    title="Career Guide API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url=None,  # served by guides.api.views, with the same headers as every response
    docs_url=None,  # our own page (guides.api.views.docs): ninja's Swagger UI runs inline script
    openapi_extra={
        "info": {"license": {"name": LICENCE.name, "url": LICENCE.url}},
        "x-licence": LICENCE.model_dump(),
    },
)
install_error_handlers(api)
# Every answer is public data about guides and wages: the page cache keeps successful ones like
# pages (tag: the guide lists, bumped by any guide change; the site tag by a wage import). Keyed by
# the whole query string, since the endpoints refuse parameters they do not read (a 400, not kept).
api.add_decorator(public_page(reads=None))
api.add_router("/guides", guides_router)
api.add_router("/occupations", occupations_router)
