"""Test settings from the environment ctest gives (tests/python.cmake): the built library,
the program, and the include directories for the layout check."""
import os
import subprocess

import pytest

CLI = os.environ.get("INTERLAYER_CLI", "interlayer")
SOURCE_DIR = os.environ.get("INTERLAYER_SOURCE_DIR",
                            os.path.join(os.path.dirname(__file__), "..", ".."))


def run_cli(*args):
    """Runs the interlayer program; returns stdout (raises on a non-zero exit)."""
    r = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)
    if r.returncode:
        raise AssertionError(f"interlayer {' '.join(map(str, args))}: {r.stderr}")
    return r.stdout


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def source_dir():
    return SOURCE_DIR
