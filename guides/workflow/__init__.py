"""The editors' workflow (app label `workflow`): drafts of published guides, review before
publishing, scheduled publishing and expiry, and the editors' desk.

- models.py: Editorial (a guide's review state, pending draft, schedule, stored check counts) and
  ReviewStep (its history)
- drafts.py: how a draft is stored, edited in the admin and written into the guide's rows
- editing.py: GuideAdmin's draft editing and review panel; views.py, forms.py: the review page
- review.py: the steps (submit, send back, approve, schedule); notify.py: their emails
"""
