"""The example scripts of examples/python run to the end (so they cannot rot unseen)."""
import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("script", ["tour.py", "iba_tour.py"])
def test_example_runs(source_dir, tmp_path, script):
    path = os.path.join(source_dir, "examples", "python", script)
    r = subprocess.run([sys.executable, path, str(tmp_path)], capture_output=True, text=True,
                       cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    if script == "iba_tour.py":
        assert sorted(os.listdir(tmp_path)) == ["cell_voltage.svg", "rbs.svg", "tikhonov.svg"]
