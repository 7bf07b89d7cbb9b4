"""The shell's conventions: version and -h, clear errors naming the bad part, no empty store from nothing,
no import loops among detente's modules, and no heavy import when a command needs no model."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.common import parse_dyad

runner = CliRunner()
SRC = Path(__file__).resolve().parent.parent / "src" / "detente"


def test_version_and_short_help():
    import detente

    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.output.strip() == f"detente {detente.__version__}"
    r = runner.invoke(app, ["-h"])
    assert r.exit_code == 0 and "Usage" in r.output and "export" in r.output
    assert "Usage" in runner.invoke(app, ["timeline", "-h"]).output


def test_dyads_accept_codes_and_names_and_name_the_bad_part():
    assert parse_dyad("usa-blr") == ("USA", "BLR")
    assert parse_dyad("Belarus-USA") == ("BLR", "USA")
    assert parse_dyad("United States-Belarus") == ("USA", "BLR")
    assert parse_dyad("Guinea-Bissau-Senegal") == ("GNB", "SEN")  # a hyphen inside a name
    with pytest.raises(ValueError, match=r"'XYZ' is not a known country code or name; give two country codes"):
        parse_dyad("USA-XYZ")
    with pytest.raises(ValueError, match="USA-BLR"):
        parse_dyad("USABLR")


def test_bad_dyad_and_bad_day_are_one_clear_error(tmp_path):
    db = tmp_path / "none.duckdb"
    r = runner.invoke(app, ["timeline", "--dyad", "USA-XYZ", "--db", str(db)])
    assert r.exit_code == 2 and "XYZ" in r.output and "USA-BLR" in r.output
    r = runner.invoke(app, ["timeline", "--since", "2025-13-01", "--db", str(db)])
    assert r.exit_code == 2 and "--since" in r.output and "YYYY-MM-DD" in r.output
    r = runner.invoke(app, ["trend", "--until", "last week", "--db", str(db)])
    assert r.exit_code == 2 and "--until" in r.output


def test_ingest_of_nothing_that_exists_creates_no_store(tmp_path):
    db = tmp_path / "s.duckdb"
    r = runner.invoke(app, ["ingest", str(tmp_path / "missing.txt"), "--db", str(db)])
    assert r.exit_code == 1 and "no such file" in r.output
    assert not db.exists() and not Path(str(db) + ".wal").exists()


def _imports(path: Path, package: str) -> set[str]:
    """The detente modules a module imports anywhere in it (top level or inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = package.rsplit(".", 1)[0] if path.name != "__init__.py" else package
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("detente")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = here.split(".")[: len(here.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            if base.startswith("detente"):
                found.add(base)
                found |= {f"{base}.{a.name}" for a in node.names}
    return found




def test_no_import_loops_among_detente_modules():
    """The package root only re-exports (lazily) and the command modules register on the CLI; every other
    module is a stage or a view, and data flows one way: no module may reach itself through its imports."""
    modules = {}
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC.parent).with_suffix("")
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        modules[name] = path
    # a module's own parent packages are loaded before it by Python itself: not an edge of a loop
    graph = {name: {m for m in _imports(path, name) if m in modules and not name.startswith(m + ".")
                   } for name, path in modules.items() if name != "detente"}
    assert graph["detente.api"] and graph["detente.views"]  # the scan sees imports
    loops = []

    def visit(node, stack, done):
        if node in stack:
            loops.append(stack[stack.index(node):] + [node])
            return
        if node in done:
            return
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, stack + [node], done)
        done.add(node)

    done: set[str] = set()
    for name in sorted(graph):
        visit(name, [], done)
    assert not loops, [" -> ".join(loop) for loop in loops]


def test_commands_that_need_no_model_load_neither_spacy_nor_duckdb():
    code = ("import sys\nfrom detente.cli import app\nfrom typer.testing import CliRunner\n"
            "CliRunner().invoke(app, ['--help'])\n"
            "print(sorted(m for m in ('spacy', 'duckdb', 'detente.api', 'detente.pipeline', 'jinja2') if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"


def test_no_command_prints_python_none(tmp_path):
    import json

    import detente

    db = str(tmp_path / "demo.duckdb")
    detente.ingest([str(detente.demo_corpus())], db)
    first = json.loads(runner.invoke(app, ["export", "--db", db, "-f", "json"]).output)[0]["id"]
    for args in (["timeline"], ["explain", first], ["review"], ["sources"], ["ledger"], ["trend"], ["dyads"],
                 ["conflicts"], ["actors", "--unknown"], ["timeline", "-f", "md"], ["timeline", "-f", "csv"]):
        r = runner.invoke(app, [*args, "--db", db])
        assert r.exit_code == 0, (args, r.output)
        assert "None" not in r.output, (args, [ln for ln in r.output.splitlines() if "None" in ln])
    r = runner.invoke(app, ["report", "--db", db, "--dyad", "USA-BLR", "-o", str(tmp_path / "r.md"), "-f", "md"])
    assert r.exit_code == 0 and r.stdout.startswith("report written: ")
    assert "None" not in (tmp_path / "r.md").read_text(encoding="utf-8")


def test_progress_total_is_known_for_folders_and_manifests(tmp_path):
    import json

    from detente.shell import count_inputs

    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for name in ("a.txt", "b.html", "sub/c.md", "sub/notes.pdf", ".hidden.txt"):
        (folder / name).write_text("x", encoding="utf-8")
    manifest = tmp_path / "m.jsonl"
    manifest.write_text("\n".join(json.dumps({"text": f"t{i}"}) for i in range(4)) + "\n\n", encoding="utf-8")
    assert count_inputs([str(folder)]) == 3  # .pdf and hidden files are not read
    assert count_inputs([str(manifest), str(tmp_path / "one.txt")]) == 5
    assert count_inputs(["-"]) is None  # standard input: open-ended
