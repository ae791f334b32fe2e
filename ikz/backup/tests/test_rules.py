from ikz.backup.rules import count_differences, migration_mismatch


def test_same_migrations_agree_and_differences_are_named_in_german() -> None:
    assert migration_mismatch(["a.0001", "b.0001"], ["b.0001", "a.0001"]) is None
    older_code = migration_mismatch(["a.0001", "a.0002"], ["a.0001"])
    assert older_code is not None and "a.0002" in older_code and "fehlen" in older_code
    newer_db = migration_mismatch(["a.0001"], ["a.0001", "a.0002"])
    assert newer_db is not None and "neuere Migrationen" in newer_db and "a.0002" in newer_db


def test_count_differences_lists_each_table_that_differs() -> None:
    assert count_differences({"x.a": 3, "x.b": 0}, {"x.a": 3}) == []
    assert count_differences({"x.a": 3}, {"x.a": 2, "x.c": 1}) == [
        "x.a: 2 statt 3 Zeilen",
        "x.c: 1 statt 0 Zeilen",
    ]
