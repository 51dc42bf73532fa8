"""Safe output paths (#28): a file is written whole or not at all; a link is followed, not
replaced; a device or FIFO is written through and stays what it was; nothing is overwritten
without --force."""

import os
import stat
import threading

import pytest

from peptide_cli.cli import options
from peptide_cli.errors import UsageProblem


def test_a_new_file_is_written_whole(tmp_path):
    out = tmp_path / "new.html"
    options.write_file(out, "text", replace=False)
    assert out.read_text(encoding="utf-8") == "text"
    assert [p.name for p in tmp_path.iterdir()] == ["new.html"]  # no temporary left beside it


def test_a_symlink_is_followed_with_force_and_stays_a_link(tmp_path):
    real = tmp_path / "real.html"
    real.write_text("old")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    with pytest.raises(UsageProblem, match="exists: add --force"):
        options.write_file(link, "new", replace=False)
    options.write_file(link, "new", replace=True)
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text() == "new"


def test_a_dangling_link_is_not_overwritten_without_force(tmp_path):
    link = tmp_path / "link.html"
    link.symlink_to(tmp_path / "nowhere.html")
    with pytest.raises(UsageProblem, match="exists: add --force"):
        options.write_file(link, "new", replace=False)
    assert link.is_symlink() and not (tmp_path / "nowhere.html").exists()


def test_a_character_device_is_written_through_and_stays_a_device():
    null = "/dev/null"
    before = os.stat(null)
    options.write_file(__import__("pathlib").Path(null), "text", replace=True)
    after = os.stat(null)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_a_fifo_is_written_through_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    options.write_file(fifo, "through the pipe", replace=False)  # not a file: no --force needed
    reader.join(timeout=10)
    assert got == ["through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_write_that_fails_halfway_leaves_the_old_file_or_nothing(tmp_path, monkeypatch):
    import builtins

    real_open = builtins.open

    class Breaking:
        def __init__(self, file):
            self.file = file

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def write(self, text):
            self.file.write(text[:3])
            raise OSError(28, "No space left on device")

    def breaking_open(file, mode="r", *args, **kwargs):
        opened = real_open(file, mode, *args, **kwargs)
        return Breaking(opened) if "w" in mode else opened

    old = tmp_path / "old.html"
    old.write_text("keep me")
    monkeypatch.setattr(builtins, "open", breaking_open)
    with pytest.raises(OSError, match="No space left on device"):
        options.write_file(old, "a whole new page", replace=True)
    with pytest.raises(OSError, match="No space left on device"):
        options.write_file(tmp_path / "new.html", "a whole new page", replace=False)
    monkeypatch.undo()
    assert old.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.html"]


def test_the_report_onto_a_fifo_and_a_device_with_force(run, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run("report", "sleep", "-o", str(fifo), "--force")
    reader.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert got[0].startswith(b"<!DOCTYPE html>")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert run("report", "sleep", "-o", "/dev/null", "--force").exit_code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_file_in_a_folder_that_cannot_be_written_is_left_and_the_reason_said(
    tmp_path, monkeypatch
):
    """R14: the temporary file cannot be made beside it, so it is not replaced in place
    (a killed write would leave it cut short); the error says why."""
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    old = tmp_path / "old.html"
    old.write_text("keep me")
    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(OSError) as raised:
        options.write_file(old, "new", replace=True)
    assert str(raised.value) == (
        f"[Errno 13] {old}: its folder is not writable, so it cannot be replaced safely "
        "(Permission denied)"
    )
    assert old.read_text() == "keep me"
