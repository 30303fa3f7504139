"""The read-only JSON API at /api/v1/ (django-ninja): published guides, occupations and their
OEWS wages, with an OpenAPI document and a docs page rendered from it on this site."""
