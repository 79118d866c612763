"""`caseteam search TEXT [--json]` on a copy of the demo store: accent- and case-blind word prefixes, the
same hits as the window's Find anything, a reference number, and nothing for text without words."""

from __future__ import annotations

import json

from command_line import caseteam


def test_search_ignores_accents_and_case_in_the_table_and_json(capsys, demo_db):
    code, out, err = caseteam(capsys, "--db", demo_db, "search", "NGUYEN")
    assert code == 0, err
    assert out.splitlines()[0].split() == ["KIND", "REF", "NAME", "DETAIL"]
    assert "Nguyễn" in out and "person" in out
    code, out, err = caseteam(capsys, "--db", demo_db, "search", "munoz", "gar", "--json")
    assert code == 0, err
    people = [h for h in json.loads(out) if h["kind"] == "person"]
    assert [h["title"] for h in people] == ["José Muñoz García"]


def test_search_finds_partners_by_a_word_prefix_and_people_by_reference(capsys, demo_db):
    code, out, err = caseteam(capsys, "--db", demo_db, "search", "riverb", "--json")
    assert code == 0, err
    assert any(h["kind"] == "organization" and h["title"] == "Riverbend Behavioral Health" for h in json.loads(out))
    code, out, err = caseteam(capsys, "--db", demo_db, "search", "PE-0003", "--json")
    assert code == 0, err
    assert [h["ref"] for h in json.loads(out) if h["kind"] == "person"] == ["PE-0003"]


def test_text_without_words_finds_nothing(capsys, demo_db):
    code, out, err = caseteam(capsys, "--db", demo_db, "search", "%%", "--json")
    assert code == 0, err
    assert json.loads(out) == []


def test_check_reports_records_missing_from_the_search_index_and_rebuilds_it(capsys, demo_db):
    import sqlite3

    db = sqlite3.connect(demo_db)
    with db:
        db.execute("DELETE FROM search_entries WHERE kind = 'person'")  # as a bulk load that skipped the index would
    db.close()
    code, out, err = caseteam(capsys, "--db", demo_db, "check")
    assert code == 1 and "search index is missing 60 person records" in err
    code, out, err = caseteam(capsys, "--db", demo_db, "search", "nguyen", "--json")
    assert not [h for h in json.loads(out) if h["kind"] == "person"]
    code, out, err = caseteam(capsys, "--db", demo_db, "check", "--rebuild-search-index")
    assert code == 0, err
    assert "search index rebuilt" in out and "ok: store sound" in out
    code, out, err = caseteam(capsys, "--db", demo_db, "search", "nguyen", "--json")
    assert [h for h in json.loads(out) if h["kind"] == "person"]
