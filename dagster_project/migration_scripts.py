"""Dagster's migration scripts read once while a local instance is opened, not once per database and step.

Opening a local instance checks each of its three SQLite databases' schema revision against the head of
Dagster's alembic scripts, and a new data dir stamps each database too: nine `ScriptDirectory.from_config`
calls, each building a fresh script directory that executes all ~90 migration files to find the head (about
half of the CPU a fresh data dir's instance took, a tenth of a second when reopened). The three storages'
alembic configs name the same scripts with the same options, so while `shared_migration_scripts()` is active
one script directory serves every call made with the same options.
"""

import contextlib
import threading
from collections.abc import Iterator

from alembic.config import Config
from alembic.script import ScriptDirectory

_LOCK = threading.Lock()


def _options(config: Config) -> tuple[object, ...] | None:
    """Everything `ScriptDirectory.from_config` reads from the config (None: not a config to share by)."""
    try:
        return (config.get_alembic_option("script_location"), config.get_alembic_option("truncate_slug_length"),
                config.get_alembic_boolean_option("sourceless"), config.get_alembic_option("output_encoding"),
                config.get_alembic_option("file_template"), tuple(config.get_version_locations_list() or ()),
                config.get_alembic_option("timezone"), repr(config.get_hooks_list()),
                config.get_alembic_boolean_option("recursive_version_locations"),
                tuple(config.get_prepend_sys_paths_list() or ()), repr(sorted(config.messaging_opts.items())))
    except Exception:  # noqa: BLE001 - an alembic without these accessors: every call builds its own
        return None


_ORIGINAL = ScriptDirectory.__dict__["from_config"]
_made: dict[tuple[object, ...], ScriptDirectory] = {}
_active = 0


def _shared_from_config(cls: type[ScriptDirectory], config: Config) -> ScriptDirectory:
    key = _options(config)
    if key is None or cls is not ScriptDirectory:
        return _ORIGINAL.__func__(cls, config)
    with _LOCK:
        if key not in _made:
            _made[key] = _ORIGINAL.__func__(cls, config)
        return _made[key]


@contextlib.contextmanager
def shared_migration_scripts() -> Iterator[None]:
    """While active, `ScriptDirectory.from_config` gives the same script directory to every config with the
    same options (its revision map, read from the migration files once, is kept with it). Nests and may be
    entered from several threads; the last to leave puts alembic's own method back and forgets the scripts."""
    global _active
    with _LOCK:
        _active += 1
        ScriptDirectory.from_config = classmethod(_shared_from_config)  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        with _LOCK:
            _active -= 1
            if not _active:
                ScriptDirectory.from_config = _ORIGINAL  # type: ignore[method-assign]
                _made.clear()
