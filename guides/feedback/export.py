"""Feedback as a CSV file for editors (the admin's "Export as CSV" actions)."""

import csv

from django.http import HttpResponse
from django.utils import timezone

COLUMNS = ["guide", "guide_title", "sent", "useful", "comment", "handled"]
# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection): a
# reader's comment must never run as one on an editor's computer, so it gets a leading quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_response(feedback):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="reader-feedback-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for item in feedback.select_related("guide").order_by("guide__title", "created_at", "pk"):
        writer.writerow(
            [
                item.guide.slug,
                as_text(item.guide.title),
                timezone.localtime(item.created_at).isoformat(timespec="seconds"),
                "yes" if item.useful else "no",
                as_text(item.comment),
                "yes" if item.handled else "no",
            ]
        )
    return response
