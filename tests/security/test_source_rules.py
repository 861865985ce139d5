"""Source rules that keep untrusted text out of shells: no shell=True, no os.system / os.popen, anywhere."""
from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SKIP = {".venv", ".git", "node_modules", "build", "dist"}


def _python_files() -> list[Path]:
    return [p for p in REPO.rglob("*.py") if not SKIP & set(p.relative_to(REPO).parts)]


def test_no_shell_true_and_no_shell_helpers():
    files = _python_files()
    assert len(files) > 50
    offences = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                if keyword.arg == "shell" and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is False):
                    offences.append(f"{path.relative_to(REPO)}:{node.lineno}: shell={ast.unparse(keyword.value)}")
            name = ast.unparse(node.func)
            if name in {"os.system", "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput"}:
                offences.append(f"{path.relative_to(REPO)}:{node.lineno}: {name}()")
    assert offences == []


def test_the_check_catches_shell_true():
    tree = ast.parse("import subprocess\nsubprocess.run('ls', shell=True)\n")
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and any(k.arg == "shell" for k in n.keywords)]
    assert len(calls) == 1
