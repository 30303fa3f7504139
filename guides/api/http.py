"""The API's HTTP behaviour, the same for every endpoint: validators and caching, clear errors
with the licence block, strict query strings and pagination."""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from guides.page_cache import CACHE_CONTROL

from .schemas import Error

PER_PAGE, MAX_PER_PAGE = 20, 100


def conditional(request, response):
    """ETag and Cache-Control on a success, and a 304 when the client's copy is current; errors
    are not cached, so a fixed mistake shows at once."""
    if response.status_code != 200:
        patch_cache_control(response, no_cache=True)
        return response
    set_response_etag(response)
    # The site's policy for public pages: revalidate with the ETag; shared caches keep a minute.
    response["Cache-Control"] = CACHE_CONTROL
    return get_conditional_response(request, etag=response["ETag"], response=response)


class PublicApi(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        return conditional(request, response)


def error(api, request, status, detail):
    return api.create_response(request, Error(detail=detail).model_dump(), status=status)


def _problem(item):
    """One pydantic error as "per_page: Input should be less than or equal to 100"."""
    name = ".".join(str(part) for part in item["loc"][1:]) or item["loc"][0]
    return f"{name}: {item['msg']}"


def install_error_handlers(api):
    """400 and 404 as {"detail": ..., "licence": ...}, never ninja's 422 or an HTML page."""

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        return error(api, request, 400, "; ".join(_problem(item) for item in exc.errors) + ".")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return error(api, request, exc.status_code, str(exc))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return error(api, request, 404, str(exc) or "Not found.")


def reject_unknown(request, allowed):
    """A misspelt parameter would otherwise be ignored silently and return everything."""
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        takes = f"takes: {', '.join(allowed)}" if allowed else "takes no parameters"
        raise HttpError(400, f"Unknown parameter {', '.join(unknown)}. This endpoint {takes}.")


def paginate(request, items, page, per_page, serialize):
    """One page of `items` as the Page schema's fields, with links to its neighbours."""
    paginator = Paginator(items, per_page)
    try:
        current = paginator.page(page)
    except EmptyPage:
        raise Http404(
            f"There is no page {page}: {paginator.count} items make {paginator.num_pages} pages "
            f"of {per_page}."
        ) from None

    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": paginator.count,
        "page": page,
        "pages": paginator.num_pages,
        "per_page": per_page,
        "next": link(page + 1) if current.has_next() else None,
        "previous": link(page - 1) if current.has_previous() else None,
        "results": [serialize(request, item) for item in current],
    }
