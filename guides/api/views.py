"""The API's plain Django views: its index, the OpenAPI document and the docs page made from it,
and a JSON 404 for any other address under /api/v1/."""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from guides.markdown import render_markdown

from .api import api
from .http import conditional
from .schemas import Error, Licensed

METHODS = ("get",)  # read-only
# One address to try per endpoint, shown on the docs page (after the API's prefix).
EXAMPLES = {
    "guides": "guides?sort=pay&per_page=5",
    "guides/{slug}": "guides/medical-manager",
    "occupations": "occupations?q=nurse",
    "occupations/{soc}": "occupations/11-9111",
    "occupations/{soc}/wages": "occupations/11-9111/wages?area=ca",
}


def _schema():
    return api.get_openapi_schema(path_prefix=reverse("api:index"))


def _json(request, data, status=200):
    return conditional(request, JsonResponse(data, status=status, json_dumps_params={"indent": 2}))


@require_safe
def index(request):
    """Where to start: the endpoints, the documents, the licence."""
    link = request.build_absolute_uri
    return _json(
        request,
        {
            "guides": link(reverse("api:guides")),
            "occupations": link(reverse("api:occupations")),
            "openapi": link(reverse("api:openapi")),
            "docs": link(reverse("api:docs")),
            **Licensed().model_dump(),
        },
    )


@require_safe
def openapi(request):
    return _json(request, _schema())


@require_safe
def not_found(request, rest=""):
    detail = f"There is no {request.path}. The endpoints are listed at {reverse('api:docs')}."
    return _json(request, Error(detail=detail).model_dump(), status=404)


def _operations(schema):
    """Each GET operation of the document, in its order, with its parameters."""
    prefix = reverse("api:index")
    for path, methods in schema["paths"].items():
        example = EXAMPLES.get(path.removeprefix(prefix))
        for method, operation in methods.items():
            if method in METHODS:
                yield {
                    "anchor": operation["operationId"],
                    "example": prefix + example if example else "",
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": render_markdown(operation.get("description", "")),
                    "parameters": operation.get("parameters", []),
                    "responses": sorted(operation.get("responses", {})),
                }


@require_safe
def docs(request):
    """The human docs, rendered here from the OpenAPI document: no CDN, no script, so it keeps
    the site's strict CSP."""
    schema = _schema()
    response = render(
        request,
        "api/docs.html",
        {
            "info": schema["info"],
            "description": render_markdown(schema["info"]["description"]),
            "openapi_version": schema["openapi"],
            "operations": list(_operations(schema)),
            "licence": Licensed().licence,
        },
    )
    return conditional(request, response)
