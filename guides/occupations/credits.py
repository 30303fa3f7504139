"""How the occupation datasets must be credited wherever their content is shown (pages, API)."""

EP_SOURCE = "U.S. Bureau of Labor Statistics, Employment Projections"
ONET_SOURCE = "O*NET Database, U.S. Department of Labor, Employment and Training Administration"
# O*NET is CC BY 4.0: this sentence, as occupations-data.md gives it, on every page showing O*NET
# content and in the API's licence block.
ONET_ATTRIBUTION = (
    "This site includes information from the O*NET 29.3 Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET® is a trademark of USDOL/ETA."
)
