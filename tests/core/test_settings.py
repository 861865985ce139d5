import pytest

from paperlake.settings import SettingsError, describe, load_settings


def test_defaults_then_file_then_environment(tmp_path):
    assert load_settings(tmp_path, env={}).review_threshold == 0.9  # a probability of being exactly right
    (tmp_path / "paperlake.toml").write_text("review_threshold = 0.7\ncrop_dpi = 200\n")
    from_file = load_settings(tmp_path, env={})
    assert (from_file.review_threshold, from_file.crop_dpi) == (0.7, 200)
    from_env = load_settings(tmp_path, env={"PAPERLAKE_REVIEW_THRESHOLD": "0.8"})
    assert (from_env.review_threshold, from_env.crop_dpi) == (0.8, 200)


def test_data_dir_from_environment(tmp_path):
    assert load_settings(None, env={"PAPERLAKE_DATA_DIR": str(tmp_path)}).data_dir == tmp_path


def test_secrets_are_masked_and_left_out_of_the_fingerprint(tmp_path):
    a = load_settings(tmp_path, env={"PAPERLAKE_LABEL_STUDIO_TOKEN": "s3cr3t-token"})
    b = load_settings(tmp_path, env={"PAPERLAKE_LABEL_STUDIO_TOKEN": "other-token"})
    assert a.masked()["label_studio_token"] == "********"
    assert "s3cr3t-token" not in repr(a.masked())
    assert a.fingerprint() == b.fingerprint()


def test_token_file(tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text("abc123\n")
    token_file.chmod(0o600)
    settings = load_settings(tmp_path, env={"PAPERLAKE_LABEL_STUDIO_TOKEN_FILE": str(token_file)})
    assert settings.label_studio_token == "abc123"


@pytest.mark.parametrize("content, message", [("review_threshold = 2.0", "within 0..1"),
                                              ("colour = 'blue'", "unknown setting 'colour'"),
                                              ("crop_dpi = 'many'", "crop_dpi"),
                                              ("review_threshold = [", "not valid TOML"),
                                              ("document_workers = -1", "document_workers must be >= 0")])
def test_bad_settings_name_the_problem(tmp_path, content, message):
    (tmp_path / "paperlake.toml").write_text(content)
    with pytest.raises(SettingsError, match=message):
        load_settings(tmp_path, env={})


def test_every_setting_is_described():
    for name, env_var, text in describe():
        assert env_var == "PAPERLAKE_" + name.upper()
        assert len(text) > 10
