"""How well ``--from-legacy`` reads the bundled legacy (v1) templates.

    python -m benchmarks.legacy_accuracy             # verdicts, then generated plugins
    python -m benchmarks.legacy_accuracy --verdicts  # the verdicts only (a second)

1. Verdicts: for every bundled type with a v1 template, each variable the template chain
   reads gets the classifier's required/optional verdict (``legacy_variables``, which
   ``legacy_plugin_input`` gives its fields), compared with the hand-written Context
   (``required_fields()``). A field on one side only is counted apart (``missing``: in the
   Context, not found; ``extra``: found, not in the Context), never as a match. ``base``
   names the variables a document's input leaves to ``BaseDocumentContext`` (their verdicts
   are counted: the classifier gave them).
2. Generated plugins: each type's input, with the type's examples as ``examples`` and the
   name ``legacy_<id>``, goes through ``scaffold new artifact_plugin``; the distribution is
   installed into a temporary site folder (a ``dist-info`` and ``PYTHONPATH``, as
   ``tests/installed.py`` does) and ``scaffold validate-architecture legacy_<id>`` and
   ``scaffold parity legacy_<id>`` run on it, unedited.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from scaffold_core import ArtifactRegistry, ArtifactType
from scaffold_core.discover.naming import legacy_template_file
from scaffold_core.migrate import legacy_plugin_input, legacy_variables

SCAFFOLD = str(Path(sys.executable).with_name("scaffold"))


@dataclass(frozen=True)
class Verdicts:
    """One type's verdicts against its hand-written Context."""

    artifact_id: str
    matched: tuple[str, ...]
    wrong: tuple[str, ...]
    missing: tuple[str, ...]
    extra: tuple[str, ...]
    base: tuple[str, ...]


@dataclass(frozen=True)
class Generated:
    """One generated plugin: did it pass each check unedited, and why not."""

    artifact_id: str
    generated: bool
    architecture: bool
    parity: bool
    reason: str


def legacy_types(registry: ArtifactRegistry) -> list[ArtifactType]:
    """Every installed bundled type that ships a legacy template."""
    found = [registry.get(artifact_id) for artifact_id in registry.ids()]
    return [artifact for artifact in found if artifact.legacy_template_name is not None]


def legacy_path(artifact: ArtifactType) -> Path:
    """The file of ``artifact``'s legacy template."""
    return artifact.template_dir / legacy_template_file(artifact.template_file)


def verdicts(artifact: ArtifactType) -> Verdicts:
    """Compare the derived fields' verdicts with ``artifact``'s Context."""
    path = legacy_path(artifact)
    derived = legacy_plugin_input(path)["fields"]
    if not isinstance(derived, list):
        raise TypeError(f"fields of {artifact.artifact_id}: {derived!r}")
    found = {variable.name: variable.required for variable in legacy_variables(path).variables}
    inputs = {str(entry["name"]) for entry in derived}
    declared = set(artifact.field_types())
    required = set(artifact.required_fields())
    common = sorted(declared & set(found))
    return Verdicts(
        artifact.artifact_id,
        tuple(name for name in common if found[name] == (name in required)),
        tuple(name for name in common if found[name] != (name in required)),
        tuple(sorted(declared - set(found))),
        tuple(sorted(set(found) - declared)),
        tuple(name for name in found if name not in inputs),
    )


def verdict_table(rows: list[Verdicts]) -> str:
    """Per type and in total: matching verdicts, their share, and which differ."""
    lines = [f"{'type':<18} {'match':>7} {'share':>6}  wrong / missing / extra / base"]
    for row in rows:
        total = len(row.matched) + len(row.wrong)
        share = len(row.matched) / total if total else 1.0
        notes = f"{', '.join(row.wrong) or '-'} / {', '.join(row.missing) or '-'}"
        notes += f" / {', '.join(row.extra) or '-'} / {', '.join(row.base) or '-'}"
        lines.append(
            f"{row.artifact_id:<18} {len(row.matched):>3}/{total:<3} {share:>6.1%}  {notes}"
        )
    matched = sum(len(row.matched) for row in rows)
    total = matched + sum(len(row.wrong) for row in rows)
    missing = sum(len(row.missing) for row in rows)
    extra = sum(len(row.extra) for row in rows)
    own = sum(len(set(row.matched) - set(row.base)) for row in rows)
    own_total = own + sum(len(set(row.wrong) - set(row.base)) for row in rows)
    lines.append(
        f"{'total':<18} {matched:>3}/{total:<3} {matched / total:>6.1%}"
        f"  ({missing} missing, {extra} extra, not counted);"
        f" the inputs' own fields (base left out): {own}/{own_total} = {own / own_total:.1%}"
    )
    return "\n".join(lines)


def generate_and_check(artifact: ArtifactType, work: Path) -> Generated:
    """Generate ``legacy_<id>`` from ``artifact``'s v1 template, install it, check it."""
    name = f"legacy_{artifact.artifact_id}"
    examples = artifact.examples()
    context = legacy_plugin_input(legacy_path(artifact), examples) | {
        "name": name,
        "examples": examples,
    }
    project = work / name
    project.mkdir()
    (project / "context.json").write_text(json.dumps(context), encoding="utf-8")
    made = _scaffold(["new", "artifact_plugin", "--context", "context.json"], project, None)
    if made.returncode != 0:
        return Generated(
            artifact.artifact_id,
            generated=False,
            architecture=False,
            parity=False,
            reason=_first_line(made),
        )
    site = install(next(project.glob("scaffold-artifact-*")), work / f"{name}-site")
    architecture = _scaffold(["validate-architecture", name], project, site)
    parity = _scaffold(["parity", name], project, site)
    reasons = [_first_problem(run) for run in (architecture, parity) if run.returncode != 0]
    return Generated(
        artifact.artifact_id,
        generated=True,
        architecture=architecture.returncode == 0,
        parity=parity.returncode == 0,
        reason="; ".join(reasons),
    )


def install(distribution: Path, site: Path) -> Path:
    """Make ``distribution`` (a generated plugin folder) look installed; the site folder.

    ``importlib.metadata`` finds a ``*.dist-info`` on any ``sys.path`` entry; the package is
    imported from the distribution folder itself, which goes on ``PYTHONPATH`` too.
    """
    project = tomllib.loads((distribution / "pyproject.toml").read_text(encoding="utf-8"))
    metadata = project["project"]
    points = metadata["entry-points"]["scaffold.artifacts"]
    info = site / f"{metadata['name'].replace('-', '_')}-{metadata['version']}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {metadata['name']}\nVersion: {metadata['version']}\n"
    )
    lines = "".join(f"{key} = {value}\n" for key, value in points.items())
    (info / "entry_points.txt").write_text(f"[scaffold.artifacts]\n{lines}")
    (site / "path.txt").write_text(str(distribution))
    return site


def _scaffold(args: list[str], cwd: Path, site: Path | None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    if site is not None:
        distribution = (site / "path.txt").read_text()
        env["PYTHONPATH"] = os.pathsep.join([str(site), distribution])
    return subprocess.run(
        [SCAFFOLD, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def _first_line(run: subprocess.CompletedProcess[str]) -> str:
    lines = (run.stderr or run.stdout).strip().splitlines()
    return " ".join(lines[:3])[:300] if lines else f"exit {run.returncode}"


def _first_problem(run: subprocess.CompletedProcess[str]) -> str:
    """The first finding or failing verdict of a check's report."""
    for line in (run.stdout + run.stderr).splitlines():
        text = line.strip()
        if any(mark in text for mark in ("ARCH0", "REGRESSION", "MISMATCH", "error")):
            return text[:200]
    return _first_line(run)


def generated_table(rows: list[Generated]) -> str:
    """Per type: generated, passes validate-architecture, passes parity; then the totals."""
    lines = [f"{'type':<18} {'generated':<10} {'architecture':<13} {'parity':<7} first problem"]
    for row in rows:
        marks = [
            ("yes" if flag else "no") for flag in (row.generated, row.architecture, row.parity)
        ]
        lines.append(
            f"{row.artifact_id:<18} {marks[0]:<10} {marks[1]:<13} {marks[2]:<7} {row.reason}"
        )
    both = sum(row.architecture and row.parity for row in rows)
    lines.append(
        f"{'total':<18} {sum(r.generated for r in rows)}/{len(rows)} generated,"
        f" {sum(r.architecture for r in rows)} pass validate-architecture,"
        f" {sum(r.parity for r in rows)} pass parity, {both} pass both, unedited"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the verdict table, then (with the artifact_plugin type installed) the other."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verdicts", action="store_true", help="skip the generated plugins")
    arguments = parser.parse_args(argv)
    registry = ArtifactRegistry()
    types = legacy_types(registry)
    out = sys.stdout
    out.write("Required/optional verdicts against the hand-written Contexts\n")
    out.write(verdict_table([verdicts(artifact) for artifact in types]) + "\n")
    if arguments.verdicts or "artifact_plugin" not in registry.ids():
        return 0
    out.write("\nGenerated plugins (scaffold new artifact_plugin, then the checks, unedited)\n")
    with tempfile.TemporaryDirectory() as folder:
        rows = [generate_and_check(artifact, Path(folder)) for artifact in types]
    out.write(generated_table(rows) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
