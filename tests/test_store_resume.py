"""Kill -9 an `eventwire ingest` mid-run, run it again: no article lost, none twice."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.sources import read_paths

EVENTWIRE = str(Path(sys.executable).parent / "eventwire")
CITIES = ["Nairobi", "Kharkiv", "Dhaka", "Bamako", "Tbilisi", "Caracas"]


def _corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        city = CITIES[i % len(CITIES)]
        (folder / f"report-{i:03d}.txt").write_text(
            f"Report {i}: police arrested {i + 3} protesters in {city}\n\n"
            f"Police arrested {i + 3} protesters in {city} on Tuesday after a march against "
            f"rising prices, witnesses said. Organisers said report number {i} would not be "
            "the last, and promised further demonstrations next week.\n",
            encoding="utf-8",
        )


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.OperationalError:  # schema not created yet
        return 0


@pytest.mark.slow
def test_kill_9_mid_ingest_then_resume(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "s.db"
    total = 80
    _corpus(folder, total)
    command = [EVENTWIRE, "ingest", str(folder), "--db", str(db), "--batch-size", "2"]
    process = subprocess.Popen(
        [*command, "--no-table"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 240
    while _stored(db) < 6 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    interrupted_at = _stored(db)
    assert 0 < interrupted_at < total, "the kill must land mid-run"

    result = subprocess.run([*command, "--no-table"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert f"{interrupted_at} already in the store" in result.stderr

    expected = {doc.id: doc.uri for doc in read_paths([folder])}
    connection = sqlite3.connect(db)
    rows = connection.execute("SELECT id, uri, version, latest FROM articles").fetchall()
    integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    connection.close()
    assert integrity == "ok"
    assert {r[0]: r[1] for r in rows} == expected  # none lost
    assert len(rows) == total  # none twice
    assert all(r[2] == 1 and r[3] == 1 for r in rows)


@pytest.mark.slow
def test_watch_picks_up_new_and_changed_files(tmp_path):
    import threading

    from typer.testing import CliRunner

    from eventwire.cli import app

    folder, db = tmp_path / "in", tmp_path / "s.db"
    _corpus(folder, 2)

    def later():
        time.sleep(1.0)
        (folder / "new.txt").write_text(
            "Troops fired on protesters in Bamako on Friday, witnesses said.\n", encoding="utf-8"
        )
        first = folder / "report-000.txt"
        first.write_text(first.read_text() + "\nCorrection: the march was on Monday.\n")

    writer = threading.Thread(target=later)
    writer.start()
    result = CliRunner().invoke(
        app,
        ["ingest", str(folder), "--db", str(db), "--watch", "--interval", "3",
         "--max-iterations", "2", "--no-table"],
    )  # fmt: skip
    writer.join()
    assert result.exit_code == 0, result.output
    connection = sqlite3.connect(db)
    rows = connection.execute("SELECT uri, version, latest FROM articles ORDER BY uri, version")
    names = [(Path(uri).name, version, latest) for uri, version, latest in rows]
    connection.close()
    assert names == [
        ("new.txt", 1, 1),
        ("report-000.txt", 1, 0),
        ("report-000.txt", 2, 1),
        ("report-001.txt", 1, 1),
    ]


@pytest.mark.slow
def test_watch_stops_on_ctrl_c(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "s.db"
    _corpus(folder, 3)
    process = subprocess.Popen(
        [EVENTWIRE, "ingest", str(folder), "--db", str(db), "--watch", "--interval", "0.2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while _stored(db) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)  # a few idle polls
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "stopped" in err and "3 articles stored" in err
    assert _stored(db) == 3
