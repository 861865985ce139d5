"""A real headless Chromium for the browser tests, driven with selenium.

Debian's chromium and chromium-driver (installed by .ci/run) are one version, so the driver always
matches the browser; selenium's own driver download is never used (there is no internet here).
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

WINDOW = (1400, 1000)


def _tool(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError(f"none of {names} on PATH: install Debian's chromium and chromium-driver (.ci/run does)")


@contextmanager
def headless_chromium(download_dir: Path | None = None) -> Iterator[webdriver.Chrome]:
    """A headless Chromium session, closed on exit; `download_dir` receives downloads when given."""
    options = webdriver.ChromeOptions()
    options.binary_location = _tool("chromium", "chromium-browser")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={WINDOW[0]},{WINDOW[1]}"):
        options.add_argument(argument)
    if download_dir is not None:
        options.add_experimental_option("prefs", {"download.default_directory": str(download_dir)})
    driver = webdriver.Chrome(options=options, service=Service(_tool("chromedriver")))
    try:
        yield driver
    finally:
        driver.quit()
