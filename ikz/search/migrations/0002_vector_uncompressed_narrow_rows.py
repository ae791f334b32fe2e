"""PostgreSQL only, performance only (decision 202): the stored tsvector uncompressed, and the
long values (text, tsvector) kept out of the table's rows.

ts_rank unpacks the tsvector of every visible hit (about 1,100 for a subject word at national
scale); decompressing them (pglz) was about a third of the search's SQL. With the text and the
tsvector in the TOAST table, a row is a few hundred bytes instead of about 2 KB, so the scan that
applies the access filter to every hit of the GIN index reads a tenth of the pages. Existing rows
are rewritten once (storage settings apply to values written after them); SQLite is untouched."""

from django.db import migrations


REWRITE = (
    "UPDATE search_searchentry SET body = body || '', vector = vector || ''::tsvector "
    "WHERE vector IS NOT NULL OR body <> ''"
)


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE search_searchentry SET (toast_tuple_target = 256)")
    schema_editor.execute("ALTER TABLE search_searchentry ALTER COLUMN vector SET STORAGE EXTERNAL")
    schema_editor.execute(REWRITE)


def wide(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE search_searchentry RESET (toast_tuple_target)")
    schema_editor.execute("ALTER TABLE search_searchentry ALTER COLUMN vector SET STORAGE EXTENDED")
    schema_editor.execute(REWRITE)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_entry")]

    operations = [migrations.RunPython(narrow, wide, elidable=False)]
