from django import template

from ..desk import panels

register = template.Library()


@register.inclusion_tag("admin/workflow/desk.html", takes_context=True)
def editors_desk(context):
    """The desk's panels for the signed-in user (the admin's index page)."""
    request = context["request"]
    if not request.user.has_perm("guides.view_guide"):
        return {"panels": []}
    return {"panels": panels(request.user)}
