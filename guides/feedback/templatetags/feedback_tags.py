from django import template

from ..forms import FeedbackForm

register = template.Library()


@register.inclusion_tag("feedback/form.html")
def feedback_form(guide):
    """The "Was this useful?" form for the end of a guide's page."""
    return {"guide": guide, "form": FeedbackForm()}
