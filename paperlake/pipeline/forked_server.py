"""The readers' forkserver started as a fork of the run's process, so it inherits what the run already imported.

multiprocessing starts its forkserver as a fresh interpreter, which imported pandas, pyarrow, pandera, PyMuPDF
and the extractors all over again: about 1.2 of its 1.75 CPU s on a short run, every one of them modules the
run's process had loaded a moment before (paperlake.pipeline.stages pulls them all in). Forked at the same
point instead, the server starts with them loaded and imports only what is left of its preload list; it then
serves forks exactly as multiprocessing's own does (`forkserver.main`, its protocol and liveness pipe).

A fork is only safe where no other thread runs (one could hold a lock the copy would wait on for ever), so
this is used only then; otherwise, or where fork is not there, multiprocessing starts its own as before. In
the copy every inherited file descriptor but the server's own is closed (the data dir's flock must go when
the run does, not when the server does), the run's logging handlers are dropped (a spawned server had
none) and it leaves by os._exit, so none of the run's exit handlers or `finally` blocks run twice.
"""
from __future__ import annotations

import logging
import os
import socket
import sys
import threading
from collections.abc import Sequence


def can_fork() -> bool:
    """Whether a fork of this process can be the forkserver now: Linux (its /proc lists what to close), and no
    thread but this one."""
    return hasattr(os, "fork") and sys.platform == "linux" and threading.active_count() == 1


def start(preload: Sequence[str]) -> bool:
    """Start the forkserver as a fork of this process, preloading `preload`; False where it was not (another
    thread runs, no fork, or one already runs): the caller then lets multiprocessing start it."""
    from multiprocessing import connection, forkserver, resource_tracker, util

    server = forkserver._forkserver  # CPython's one instance, which connect_to_new_process uses
    if not can_fork() or server._forkserver_pid is not None:
        return False
    resource_tracker.ensure_running()  # readers get its fd from the client, as with a spawned server
    with socket.socket(socket.AF_UNIX) as listener:
        address = connection.arbitrary_address("AF_UNIX")
        listener.bind(address)
        if not util.is_abstract_socket_namespace(address):
            os.chmod(address, 0o600)
        listener.listen()
        alive_r, alive_w = os.pipe()  # every client holds the write end; EOF ends the server
        for stream in (sys.stdout, sys.stderr):  # what is buffered is the run's: no copy may write it out again
            if stream is not None:
                stream.flush()
        try:
            pid = os.fork()
            if pid == 0:  # the server
                try:
                    _serve(listener.fileno(), alive_r, list(preload))
                finally:
                    os._exit(0)
        except BaseException:
            os.close(alive_w)
            raise
        finally:
            os.close(alive_r)
    server._forkserver_address = address
    server._forkserver_alive_fd = alive_w
    server._forkserver_pid = pid
    return True


def _serve(listener_fd: int, alive_r: int, preload: list[str]) -> None:
    """In the forked copy: keep only the server's descriptors, forget the run's logging, then serve forks."""
    from multiprocessing import forkserver

    keep = {0, 1, 2, listener_fd, alive_r}
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd not in keep:
            try:
                os.close(fd)
            except OSError:  # the listing's own descriptor, already gone
                pass
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.setLevel(logging.WARNING)
    forkserver._forkserver._lock = threading.Lock()
    forkserver.main(listener_fd, alive_r, preload)
