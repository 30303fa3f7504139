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
            unnest(ARRAY[name, regexp_replace(name, '\\s*\\([^)]*\\)', '', 'g')]) AS variant
    ) AS keys
    WHERE key <> ''
)"""


def names_sql(names):
    """SQL for the keys of every name in the array `names` (an SQL expression)."""
    return NAMES_SQL.format(names=names, key=NAME_KEY_SQL.format("variant"))


def onet_codes_sql():
    """O*NET occupations belonging to the OEWS occupation `o`: the same SOC code (29-1141.00 and
    its specialties .01-.04), or, where OEWS publishes a broad occupation as detailed (13-1020,
    29-2010: codes ending in 0), every O*NET occupation in that broad group."""
    return """
        x.release_id = current.onet
        AND (x.soc = o.code OR (o.code LIKE '%%0' AND left(x.soc, 6) = left(o.code, 6)))
    """


def rebuild():
    """Replace every entry with one per detailed occupation of the current OEWS release. Without an
    O*NET release, entries hold the OEWS names alone. SQL only (the current releases chosen as
    their querysets' newest_first() does), so the migration that creates the table can fill it."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM finding_occupationentry")
        cursor.execute(
            f"""
            WITH current AS (
                SELECT
                    (SELECT id FROM wages_release ORDER BY year DESC, code DESC LIMIT 1) AS wages,
                    (SELECT id FROM occupations_release WHERE dataset = 'onet'
                        ORDER BY year DESC, code DESC LIMIT 1) AS onet
            )
            INSERT INTO finding_occupationentry (occupation_id, vector, exact_names)
            SELECT o.id,
                setweight(to_tsvector(%(config)s, o.name || ' ' || coalesce(t.titles, '')), 'A')
                || setweight(to_tsvector(%(config)s, coalesce(a.alternates, '')), 'B')
                || setweight(to_tsvector(%(config)s, coalesce(t.description, '')), 'C'),
                {names_sql("o.name || coalesce(t.names, '{}') || coalesce(a.names, '{}')")}
            FROM current CROSS JOIN wages_occupation o
            LEFT JOIN LATERAL (
                SELECT string_agg(x.title, ' ') AS titles, array_agg(x.title) AS names,
                    string_agg(x.description, ' ' ORDER BY x.code) AS description
                FROM occupations_onetoccupation x WHERE {onet_codes_sql()}
            ) t ON true
            LEFT JOIN LATERAL (
                SELECT string_agg(alt.title || ' ' || alt.short_title, ' ') AS alternates,
                    array_agg(alt.title) || array_agg(alt.short_title) AS names
                FROM occupations_alternatetitle alt
                JOIN occupations_onetoccupation x ON x.id = alt.occupation_id
                WHERE {onet_codes_sql()}
            ) a ON true
            WHERE o.release_id = current.wages AND o.level = %(detailed)s
            """,
            {"config": CONFIG, "detailed": DETAILED},
        )
        cursor.execute("ANALYZE finding_occupationentry")
