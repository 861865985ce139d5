"""The command line: help for every command, masked settings, clear one-line errors."""
import pytest

from paperlake.cli.main import main


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("run", "config", "ui"):
        assert f"    {command}" in out


@pytest.mark.parametrize("command", ["run", "config", "ui"])
def test_each_command_explains_itself(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "--data-dir" in capsys.readouterr().out


def test_config_masks_the_token(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PAPERLAKE_LABEL_STUDIO_TOKEN", "tok-0123456789")
    assert main(["config", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "tok-0123456789" not in out
    assert "label_studio_token      = ********" in out
    assert "PAPERLAKE_REVIEW_THRESHOLD" in out


def test_bad_settings_file_is_a_one_line_error(tmp_path, capsys):
    (tmp_path / "paperlake.toml").write_text("review_threshold = 7\n")
    assert main(["config", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "review_threshold" in err


def test_run_with_nothing_usable_says_why(tmp_path, capsys):
    note = tmp_path / "notes.txt"
    note.write_text("hello")
    assert main(["run", str(tmp_path / "missing"), str(note), "--data-dir", str(tmp_path / "data")]) == 1
    err = capsys.readouterr().err
    assert "missing: no such file or folder" in err
    assert "notes.txt: not a PDF" in err
