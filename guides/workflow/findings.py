"""The content checks' findings (guides.checks), counted per guide when it is saved, so that the
desk can list failing guides without checking thousands of them per request. Called by admin
saves, draft saves, approvals, starts and load_guides."""

from ..checks import ERROR, check_saved_guide
from .models import Editorial


def count_findings(editorial, findings):
    editorial.check_errors = sum(f.severity == ERROR for f in findings)
    editorial.check_warnings = len(findings) - editorial.check_errors


def record_findings(guides):
    """Keep the counts of these saved guides (a pending draft's are kept when it is saved)."""
    for guide in guides:
        editorial, _ = Editorial.objects.get_or_create(guide=guide)
        if not editorial.has_draft:
            count_findings(editorial, check_saved_guide(guide))
            editorial.save(update_fields=["check_errors", "check_warnings"])
