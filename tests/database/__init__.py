"""The test run's database backend (careerguide/settings/test.py): Django's PostgreSQL backend with
a faster flush. Every transactional test ends with a flush of every table."""
