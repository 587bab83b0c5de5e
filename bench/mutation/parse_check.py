"""Does a mutant's patched file still parse? A patch that breaks the syntax would fail every
scenario at once, for a reason that says nothing about the suite, so such a mutant is an error and
never served.

bundle.js is a classic script (esbuild's iife, loaded by index.html's <script src>, no
type=module), so it is compiled as one with node's vm.Script: compiled, never run. The i18n file
is JSON.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from .build_copy import served
from .catalog import MutantError, built_texts, patched

# Compiles stdin as a classic script named argv[1]; on a syntax error prints "line:column message".
_COMPILE_AS_SCRIPT = r"""
const vm = require("vm");
const source = require("fs").readFileSync(0, "utf8");
try { new vm.Script(source, { filename: process.argv[1] }); }
catch (e) {
  if (!(e instanceof SyntaxError)) throw e;
  const lines = String(e.stack).split("\n");            // "file:line", the source line, "   ^^^", ...
  const line = (lines[0].match(/:(\d+)$/) || [])[1] || "?";
  const column = lines[2] && lines[2].includes("^") ? lines[2].indexOf("^") + 1 : "?";
  console.log(`${line}:${column} ${e.name}: ${e.message}`);
  process.exit(1);
}
"""
NODE_SECONDS = 120  # the 18 MB bundle compiles in well under a second on an idle machine


def parse_error(relative: str, text: str) -> str | None:
    """Why the patched file `relative` (bundle.js or i18n/en_EN.json) does not parse; None if it does."""
    if relative.endswith(".json"):
        try:
            json.loads(text)
        except ValueError as e:
            return f"{relative} is not valid JSON: {e}"
        return None
    return _script_error(relative, text)


def _script_error(relative: str, text: str) -> str | None:
    node = shutil.which("node")
    if node is None:
        return f"cannot check that {relative} parses: no `node` on PATH"
    done = subprocess.run([node, "-e", _COMPILE_AS_SCRIPT, relative], input=text, capture_output=True,
                          text=True, timeout=NODE_SECONDS)
    if done.returncode == 0:
        return None
    said = done.stdout.strip() or done.stderr.strip()
    if re.match(r"^[\d?]+:[\d?]+ ", said):
        return f"{relative} does not parse as a script: {relative}:{said}"
    return f"cannot check that {relative} parses: node exited {done.returncode}: {said[-500:]}"


def check_parses(mutants: list, dist: Path) -> list[str]:
    """Every mutant whose anchor is sound, patched and parsed (for --check): the problems, one line
    each. A normal run checks each mutant again just before serving it."""
    texts = built_texts(mutants, dist)
    problems = []
    for m in mutants:
        try:
            why = parse_error(m.file, served(m.file, patched(m, texts[m.file])))
        except MutantError:
            continue  # check_all names it
        if why:
            problems.append(f"mutant {m.name!r}: {why}")
    return problems
