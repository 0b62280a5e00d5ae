"""Static checks of the suite, each counted as one test by bin/suite-test.

1. manifests: a Python literal with the keys Odoo/OCA expect, an 18.0.x.y.z version, an allowed
   license, a non-empty `depends`, and every data/demo file and asset glob present.
2. xml: every XML file of the repository parses (lxml), so a typo fails in seconds, not at install.
3. ruff: lint of the addons' and the harness' Python (config: .ruff.toml at the repository root).
4. pylint-odoo: OCA's mandatory checks (config: .pylintrc-mandatory).
5. manifestoo (OCA's manifest tool): every dependency found on the addons path (suite + Odoo's),
   licenses compatible along the dependency tree, a development status in every manifest.
6. oca-checks: OCA's pre-commit checkers (oca-odoo-pre-commit-hooks) on every addon (XML headers and
   nodes, numeric fields with eval, CSV ids, unused files, ...) and on every .po file. Left out:
   po-pretty-format (it asks for msgcat's wrapping; our .po files are written by polib and
   checked by msgfmt -c, and a rewrap of every file would bury real changes in diffs).
7. token-table: no addon but pos_loss_prevention_base writes the approval token table by SQL
   (consume through pos.session._lp_consume_approval, link late with token._lp_link_consumed).

Usage: python static_checks.py --repo DIR --addons-dir DIR [--only a,b] [--result-file FILE]
Run with Odoo's python (it has lxml). The result file gets `passed=N failed=M`.
"""

import argparse
import ast
import glob
import os
import re
import subprocess
import sys

VERSION_RE = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
# Odoo 18's accepted licenses (odoo/modules/module.py + pylint-odoo's default list).
LICENSES = {
    "GPL-2",
    "GPL-2 or any later version",
    "GPL-3",
    "GPL-3 or any later version",
    "AGPL-3",
    "LGPL-3",
    "Other OSI approved licence",
    "OEEL-1",
    "OPL-1",
    "Other proprietary",
}
REQUIRED_KEYS = ("name", "version", "license", "author", "depends")
ASSET_OPERATIONS = {"after", "before", "remove", "replace", "prepend", "include"}
SKIP_DIRS = {".git", "node_modules", "__pycache__", ".ruff_cache", ".venv", "venv"}


ONLY = set()  # --only: restrict to these addons (bin/suite-test <addon> for quick iteration)


def suite_addons(addons_dir, restrict=True):
    return sorted(
        name
        for name in os.listdir(addons_dir)
        if os.path.isfile(os.path.join(addons_dir, name, "__manifest__.py"))
        and (not restrict or not ONLY or name in ONLY)
    )


def check_manifest(addons_dir, name, suite):
    """Return the list of problems of one addon's manifest."""
    path = os.path.join(addons_dir, name, "__manifest__.py")
    try:
        with open(path, encoding="utf-8") as handle:
            manifest = ast.literal_eval(handle.read())
    except (SyntaxError, ValueError) as exc:
        return [f"not a Python literal: {exc}"]
    if not isinstance(manifest, dict):
        return ["not a dict"]
    problems = [f"missing key '{key}'" for key in REQUIRED_KEYS if key not in manifest]
    version = manifest.get("version", "")
    if "version" in manifest and not VERSION_RE.match(str(version)):
        problems.append(f"version '{version}' does not match 18.0.x.y.z")
    if "license" in manifest and manifest["license"] not in LICENSES:
        problems.append(f"license '{manifest['license']}' not allowed")
    depends = manifest.get("depends")
    if "depends" in manifest and (not isinstance(depends, list) or not depends):
        problems.append("'depends' must be a non-empty list")
    for key in ("data", "demo"):
        for rel in manifest.get(key, []):
            if not os.path.isfile(os.path.join(addons_dir, name, rel)):
                problems.append(f"{key} file not found: {rel}")
    for bundle, entries in manifest.get("assets", {}).items():
        for entry in entries:
            paths = entry[1:] if isinstance(entry, (list, tuple)) else [entry]
            if isinstance(entry, (list, tuple)) and entry and entry[0] not in ASSET_OPERATIONS:
                problems.append(f"assets[{bundle}]: unknown operation {entry[0]!r}")
                continue
            if isinstance(entry, (list, tuple)) and entry and entry[0] == "include":
                continue  # names a bundle, not a file
            for asset in paths:
                # Only our own files can be checked here; core paths live in Odoo's tree.
                if asset.startswith(("http://", "https://", "/")) or asset.split("/")[0] not in suite:
                    continue
                if not glob.glob(os.path.join(addons_dir, asset), recursive=True):
                    problems.append(f"assets[{bundle}]: nothing matches {asset}")
    return problems


def check_manifests(addons_dir):
    suite = suite_addons(addons_dir)
    if not suite:
        return False, ["no addon found (no */__manifest__.py)"]
    details = []
    for name in suite:
        problems = check_manifest(addons_dir, name, set(suite_addons(addons_dir, restrict=False)))
        details += [f"{name}/__manifest__.py: {p}" for p in problems]
    return not details, details or [f"{len(suite)} manifests: {', '.join(suite)}"]


def xml_files(roots, addons_dir):
    skipped = set(suite_addons(addons_dir, restrict=False)) - set(suite_addons(addons_dir))
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [
                d
                for d in dirnames
                if d not in SKIP_DIRS and not (os.path.samefile(dirpath, addons_dir) and d in skipped)
            ]
            for filename in filenames:
                if filename.endswith(".xml"):
                    yield os.path.join(dirpath, filename)


def check_xml(roots, addons_dir):
    from lxml import etree

    count, details = 0, []
    for path in sorted(set(xml_files(roots, addons_dir))):
        count += 1
        try:
            etree.parse(path)
        except etree.XMLSyntaxError as exc:
            details.append(f"{os.path.relpath(path)}: {exc}")
    return not details, details or [f"{count} XML files parse"]


def run_tool(args):
    """Run a linter; return (exit code, output). Exit code None: tool not installed."""
    module = args[0]
    probe = subprocess.run(
        [sys.executable, "-c", f"import {module.replace('-', '_')}"], capture_output=True, check=False
    )
    if probe.returncode:
        return None, f"{module} is not installed in {sys.executable} (pip install -r requirements.txt)"
    proc = subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, check=False)
    return proc.returncode, (proc.stdout + proc.stderr).strip()


def python_targets(repo, addons_dir):
    targets = [os.path.join(addons_dir, name) for name in suite_addons(addons_dir)]
    for extra in ("tests", "bin"):
        if os.path.isdir(os.path.join(repo, extra)):
            targets.append(os.path.join(repo, extra))
    return targets


def check_ruff(repo, addons_dir):
    config = next(
        (os.path.join(repo, n) for n in (".ruff.toml", "ruff.toml") if os.path.isfile(os.path.join(repo, n))),
        None,
    )
    args = ["ruff", "check", "--no-fix", "--output-format=concise"]
    if config:
        args += ["--config", config]
    code, output = run_tool(args + python_targets(repo, addons_dir))
    if code is None:
        return False, [output]
    lines = [line for line in output.splitlines() if line.strip()]
    return code == 0, lines[-40:] if code else ["ruff: all checks passed"]


def check_pylint(repo, addons_dir):
    addons = [os.path.join(addons_dir, name) for name in suite_addons(addons_dir)]
    rcfile = os.path.join(repo, ".pylintrc-mandatory")
    code, output = run_tool(["pylint", f"--rcfile={rcfile}", "--score=n", *addons])
    if code is None:
        return False, [output]
    # pylint's exit code is a bit mask; 32 means a usage/config error.
    lines = [line for line in output.splitlines() if line.strip() and not line.startswith("*****")]
    if code & 32:
        return False, ["pylint usage error:", *lines[-20:]]
    return code == 0, lines[-40:] if code else ["pylint-odoo (mandatory checks): no message"]


def check_manifestoo(addons_dir, core_addons):
    """What OCA's manifestoo reasons about across manifests, where the check above reads one at a time."""
    base = ["manifestoo", "--select-addons-dir", addons_dir, "--odoo-series", "18.0"]
    if core_addons:
        base += ["--addons-path", core_addons]
    details, ok = [], True
    for command in ("list-missing", "check-licenses", "check-dev-status"):
        code, output = run_tool([*base, command])
        if code is None:
            return False, [output]
        # Without `odoo` importable, manifestoo says so on stderr; the addons path was given anyway.
        lines = [line for line in output.splitlines() if line.strip() and "odoo.addons.__path__" not in line]
        if code or lines:
            ok = False
            details += [f"{command}: {line}" for line in lines[-20:]] or [f"{command}: exit {code}"]
    return ok, details or ["manifestoo: no missing dependency, licenses compatible, development status set"]


def check_oca_hooks(addons_dir):
    addons = [os.path.join(addons_dir, name) for name in suite_addons(addons_dir)]
    pos = sorted(glob.glob(os.path.join(addons_dir, "*", "i18n", "*.po")))
    pos = [path for path in pos if os.path.basename(os.path.dirname(os.path.dirname(path))) in
           {os.path.basename(a) for a in addons}]
    details, ok = [], True
    for args in (["oca_pre_commit_hooks.cli", *addons],
                 ["oca_pre_commit_hooks.cli_po", "--disable", "po-pretty-format", *pos]):
        code, output = run_tool(args)
        if code is None:
            return False, [output]
        lines = [line for line in output.splitlines() if line.strip()]
        if code:
            ok = False
            details += lines[-30:] or [f"{args[0]}: exit {code}"]
    return ok, details or [f"oca-checks-odoo-module ({len(addons)} addons), oca-checks-po ({len(pos)} files): clean"]


# SQL that writes the base's token table: UPDATE / INSERT INTO / DELETE FROM / TRUNCATE / ALTER TABLE.
TOKEN_TABLE_WRITE_RE = re.compile(
    r"\b(update|insert\s+into|delete\s+from|truncate(\s+table)?|alter\s+table)\s+(only\s+)?\"?pos_approval_token\b",
    re.IGNORECASE,
)
TOKEN_TABLE_OWNER = "pos_loss_prevention_base"


def check_token_table(addons_dir):
    """Fail when an addon other than the base writes pos_approval_token by SQL (issue 10)."""
    details = []
    count = 0
    for name in suite_addons(addons_dir, restrict=False):
        if name == TOKEN_TABLE_OWNER:
            continue
        for dirpath, dirnames, filenames in os.walk(os.path.join(addons_dir, name)):
            dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
            for filename in filenames:
                if not filename.endswith((".py", ".sql")):
                    continue
                path = os.path.join(dirpath, filename)
                count += 1
                with open(path, encoding="utf-8", errors="replace") as handle:
                    for number, line in enumerate(handle, 1):
                        if TOKEN_TABLE_WRITE_RE.search(line):
                            details.append(f"{os.path.relpath(path)}:{number}: writes pos_approval_token by SQL "
                                           f"(only {TOKEN_TABLE_OWNER} may)")
    return not details, details or [f"{count} files outside {TOKEN_TABLE_OWNER}: no SQL write of pos_approval_token"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", required=True)
    parser.add_argument("--addons-dir", required=True)
    parser.add_argument("--only", default="", help="comma list of addons to check (default: all)")
    parser.add_argument("--result-file")
    parser.add_argument("--core-addons", default=os.environ.get("LP_CORE_ADDONS", ""),
                        help="Odoo's addons path (comma list), for the dependency checks")
    opts = parser.parse_args()
    ONLY.update(filter(None, opts.only.split(",")))
    repo, addons_dir = os.path.abspath(opts.repo), os.path.abspath(opts.addons_dir)
    os.chdir(repo)  # relative paths in messages
    checks = [
        ("manifests", lambda: check_manifests(addons_dir)),
        ("xml", lambda: check_xml({repo, addons_dir}, addons_dir)),
        ("ruff", lambda: check_ruff(repo, addons_dir)),
        ("pylint-odoo", lambda: check_pylint(repo, addons_dir)),
        ("manifestoo", lambda: check_manifestoo(addons_dir, opts.core_addons)),
        ("oca-checks", lambda: check_oca_hooks(addons_dir)),
        ("token-table", lambda: check_token_table(addons_dir)),
    ]
    passed = failed = 0
    for name, check in checks:
        ok, details = check()
        passed, failed = passed + ok, failed + (not ok)
        print(f"  {'PASS' if ok else 'FAIL'}  static: {name}")
        for line in details:
            print(f"          {line}")
    if opts.result_file:
        with open(opts.result_file, "w", encoding="utf-8") as handle:
            handle.write(f"passed={passed} failed={failed}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
