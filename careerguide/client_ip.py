"""The client's address, as login throttling counts it (settings.AXES_CLIENT_IP_CALLABLE)."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or behind DJANGO_TRUSTED_PROXIES=N proxies, the address the outermost one saw.

    Each proxy appends the address it was contacted from to X-Forwarded-For, so the N-th entry
    from the right was written by our own outermost proxy; anything left of it came from the client
    and proves nothing. django-ipware counts proxies differently and, in its strict mode, falls back
    to the proxy's own address whenever a client sends the header, so this is done here, in full.
    """
    remote = request.META.get("REMOTE_ADDR")
    if not settings.TRUSTED_PROXIES:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if len(hops) < settings.TRUSTED_PROXIES:
        return remote  # not through every proxy: only the direct peer is known
    try:
        return str(ipaddress.ip_address(hops[-settings.TRUSTED_PROXIES]))
    except ValueError:
        return remote  # a proxy that writes something else is misconfigured; never store it
