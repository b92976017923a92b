"""The command line as users and scripts call it: real processes, real files, exit codes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES

CLI = [sys.executable, "-m", "eventwire.cli"]
TEXT = (
    "Security forces clashed with armed men in the town of Gao on Sunday, killing three of "
    "them, the army said. Two soldiers were wounded in the fighting."
)


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None):
    return subprocess.run(
        [*CLI, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_analyze_writes_one_json_line_per_document_and_exit_1_on_failure(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(TEXT)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.jsonl").write_text(
        '{"text": "' + TEXT + '", "url": "https://x.org/a"}\nnope\n'
    )

    result = run("analyze", str(tmp_path))

    assert result.returncode == 1, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 4
    by_uri = {r["uri"]: r for r in records}
    assert by_uri["https://x.org/a"]["errors"] == []
    assert by_uri[f"{tmp_path / 'bad.jsonl'}#2"]["errors"][0]["stage"] == "read"
    assert by_uri[str(tmp_path / "empty.txt")]["errors"][0]["stage"] == "extract"
    assert by_uri[str(tmp_path / "good.txt")]["text"] == TEXT


def test_analyze_reads_stdin_and_pretty_prints() -> None:
    result = run("analyze", "-", "--pretty", stdin=TEXT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("{\n  ")
    assert json.loads(result.stdout)["uri"] == "stdin"


def test_ingest_stores_everything_once_and_reports(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")

    first = run("ingest", str(EXAMPLES), str(bad), "--db", str(db))
    second = run("ingest", str(EXAMPLES), env={"EVENTWIRE_DB": str(db)})

    assert first.returncode == 1  # the binary file failed; the rest went in
    assert "with errors" in first.stderr
    documents = len(list(EXAMPLES.glob("*.txt"))) + len(list(EXAMPLES.glob("*.htm*")))
    documents += sum(1 for f in EXAMPLES.glob("*.jsonl") for line in f.open() if line.strip())
    with sqlite3.connect(db) as connection:
        stored = connection.execute("SELECT count(*), sum(failed) FROM articles").fetchone()
        errors = connection.execute("SELECT stage, message FROM errors").fetchall()
        fts = connection.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'protesters'"
        ).fetchone()[0]
    assert stored == (documents + 1, 1)
    assert errors[0][0] == "read" and "binary" in errors[0][1]
    assert fts >= 1
    assert second.returncode == 0
    assert f"{documents} already in the store" in second.stderr


def test_usage_error_exits_2() -> None:
    assert run("analyze").returncode == 2


def test_ingest_counts_what_the_store_wrote(tmp_path: Path) -> None:
    # Two files with the same text are one article: the summary says so.
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "events.db"
    result = run("ingest", str(folder), "--db", str(db), "--no-table")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert "1 article stored" in result.stderr
    assert "1 already in the store" in result.stderr
