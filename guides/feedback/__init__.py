"""Readers' "Was this useful?" answers at the end of each guide (issue 14).

- models.py: one anonymous answer (yes/no, an optional comment) and the per-guide view of them
- forms.py and views.py: the form on the guide page, the endpoint it posts to, the thank-you page
- limits.py: the per-client rate limit, keyed by a salted hash of the address (never the address)
- admin.py: counts and share of "yes" per guide, comments inline, mark handled, CSV export
"""
