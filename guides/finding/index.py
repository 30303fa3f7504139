"""Keeping OccupationEntry in step with the imports: rebuild() after each wage or O*NET import,
inside its transaction, so search never describes a release the pages no longer show."""

from django.db import connection

# wages.Occupation.Level.DETAILED; a plain number so the migration that fills the table needs
# no model.
DETAILED = 3

CONFIG = "english"
# A name as exact matching compares it: its stemmed words, sorted, stop words out, so that
# "registered nurse" is the name "Registered Nurses" and "line cook" is "Line Cook".
NAME_KEY_SQL = "array_to_string(tsvector_to_array(to_tsvector('english', {})), ' ')"
# Names with a parenthesis count with and without it: "Registered Nurse (RN)" is also the name
# "Registered Nurse" ("RN" is its short title, a name of its own).
NAMES_SQL = """ARRAY(
    SELECT key FROM (
        SELECT DISTINCT {key} AS key
        FROM unnest({names}) AS name,
            unnest(CASE WHEN strpos(name, '(') > 0
                THEN ARRAY[name, regexp_replace(name, '\\s*\\([^)]*\\)', '', 'g')]
                ELSE ARRAY[name] END) AS variant
    ) AS keys
    WHERE key <> ''
)"""


def names_sql(names):
    """SQL for the keys of every name in the array `names` (an SQL expression). Made when the
    names are written (guides.indexing, rebuild() below), never per search: a key costs ~20 µs."""
    return NAMES_SQL.format(names=names, key=NAME_KEY_SQL.format("variant"))


def rebuild():
    """Replace every entry with one per detailed occupation of the current OEWS release. Without an
    O*NET release, entries hold the OEWS names alone. SQL only (the current releases chosen as
    their querysets' newest_first() does), so the migration that creates the table can fill it.

    O*NET occupations belong to an OEWS occupation by SOC code (29-1141.00 and its specialties
    .01-.04) or, where OEWS publishes a broad occupation as detailed (13-1020, 29-2010: codes
    ending in 0), by its broad group."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM finding_occupationentry")
        cursor.execute(
            f"""
            WITH current AS (
                SELECT
                    (SELECT id FROM wages_release ORDER BY year DESC, code DESC LIMIT 1) AS wages,
                    (SELECT id FROM occupations_release WHERE dataset = 'onet'
                        ORDER BY year DESC, code DESC LIMIT 1) AS onet
            ),
            oews AS (
                SELECT o.id, o.code, o.name FROM wages_occupation o, current
                WHERE o.release_id = current.wages AND o.level = %(detailed)s
            ),
            mapped AS (
                SELECT oews.id AS oews_id, x.id AS onet_id, x.code, x.title, x.description
                FROM oews JOIN occupations_onetoccupation x
                    ON left(x.soc, 6) = left(oews.code, 6)
                    AND (x.soc = oews.code OR oews.code LIKE '%%0')
                WHERE x.release_id = (SELECT onet FROM current)
            ),
            alternates AS (
                SELECT mapped.oews_id, alt.title, alt.short_title
                FROM mapped JOIN occupations_alternatetitle alt ON alt.occupation_id = mapped.onet_id
            ),
            names AS (
                SELECT oews_id, array_agg(name) AS names FROM (
                    SELECT oews_id, title AS name FROM mapped
                    UNION ALL SELECT oews_id, title FROM alternates
                    UNION ALL SELECT oews_id, short_title FROM alternates WHERE short_title <> ''
                ) AS every_name GROUP BY oews_id
            ),
            onet AS (
                SELECT oews_id, string_agg(title, ' ') AS titles,
                    string_agg(description, ' ' ORDER BY code) AS description
                FROM mapped GROUP BY oews_id
            ),
            alternate AS (
                SELECT oews_id, string_agg(title || ' ' || short_title, ' ') AS words
                FROM alternates GROUP BY oews_id
            )
            INSERT INTO finding_occupationentry (occupation_id, vector, exact_names)
            SELECT oews.id,
                setweight(to_tsvector(%(config)s, oews.name || ' ' || coalesce(onet.titles, '')), 'A')
                || setweight(to_tsvector(%(config)s, coalesce(alternate.words, '')), 'B')
                || setweight(to_tsvector(%(config)s, coalesce(onet.description, '')), 'C'),
                {names_sql("oews.name || coalesce(names.names, '{}')")}
            FROM oews
            LEFT JOIN onet ON onet.oews_id = oews.id
            LEFT JOIN alternate ON alternate.oews_id = oews.id
            LEFT JOIN names ON names.oews_id = oews.id
            """,
            {"config": CONFIG, "detailed": DETAILED},
        )
        cursor.execute("ANALYZE finding_occupationentry")
