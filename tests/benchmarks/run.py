"""Benchmarks of the suite: the same figures on a vanilla database and on the suite's, one run.

bin/suite-bench prepares the two databases (copies of the dependency template; the suite one with
every suite addon installed) and calls:

    python run.py [--products 5000] [--runs 20] [--figures a,b] -- <odoo-bin options>

Each database is measured in its own Python process (`--worker`), so that the suite's Python code,
imported by the suite registry, cannot change what the vanilla figures measure. Results: a table
on stdout and tests/benchmarks/results/latest.json.
"""

import argparse
import datetime
import importlib
import inspect
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PRODUCT_CODE = "LPBENCH-%05d"


# ------------------------------------------------------------------ worker --


def open_registry(db, odoo_args):
    if os.environ.get("LP_ODOO_PATH"):
        sys.path.insert(0, os.environ["LP_ODOO_PATH"])  # source tree: odoo-bin's folder
    import odoo
    from odoo.modules.registry import Registry

    # As odoo/cli/shell.py does, minus the console.
    odoo.tools.config.parse_config([*odoo_args, "-d", db, "--log-level=warn"], setup_logging=True)
    return odoo, Registry(db)


def add_products(odoo, registry, count):
    """Top the database up to `count` extra POS products (idempotent, for --reuse)."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        # The demo shop only loads products of its POS categories (limit_categories).
        config = env.ref("point_of_sale.pos_config_main")
        categories = config.iface_available_categ_ids[:1].ids if config.limit_categories else []
        existing = env["product.product"].search_count([("default_code", "=like", "LPBENCH-%")])
        t0 = time.time()
        for start in range(existing, count, 500):
            stop = min(start + 500, count)
            env["product.product"].create(
                [
                    {
                        "name": f"Bench product {i:05d}",
                        "default_code": PRODUCT_CODE % i,
                        "available_in_pos": True,
                        "list_price": 1 + i % 97,
                        "type": "consu",
                        "pos_categ_ids": [odoo.fields.Command.set(categories)],
                    }
                    for i in range(start, stop)
                ]
            )
            cr.commit()
        if count > existing:
            added = count - existing
            print(f"  {registry.db_name}: added {added} products in {time.time() - t0:.0f} s", file=sys.stderr)


def load_figures(only):
    sys.path.insert(0, HERE)  # figures import bench_utils
    names = sorted(f[:-3] for f in os.listdir(os.path.join(HERE, "figures")) if f.endswith(".py") and f[0] != "_")
    modules = [importlib.import_module(f"figures.{name}") for name in names]
    return [m for m in modules if not only or m.NAME in only]


def measure(odoo, registry, figures, runs):
    results = {}
    for figure in figures:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            kwargs = {"runs": runs} if "runs" in inspect.signature(figure.measure).parameters else {}
            try:
                results[figure.NAME] = figure.measure(env, **kwargs)
            except Exception as exc:  # one broken figure must not hide the others
                results[figure.NAME] = {"error": f"{type(exc).__name__}: {exc}"}
            cr.rollback()
    with registry.cursor() as cr:
        cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed' ORDER BY name")
        installed = [row[0] for row in cr.fetchall()]
    descriptions = {figure.NAME: figure.DESCRIPTION for figure in figures}
    return {"figures": results, "descriptions": descriptions, "installed": installed}


def worker(opts, odoo_args):
    odoo, registry = open_registry(opts.db, odoo_args)
    add_products(odoo, registry, opts.products)
    output = measure(odoo, registry, load_figures(opts.figures), opts.runs)
    print(json.dumps(output))


# ------------------------------------------------------------------ parent --


def run_worker(db, opts, odoo_args):
    cmd = [sys.executable, __file__, "--worker", "--db", db, "--products", str(opts.products),
           "--runs", str(opts.runs), "--figures", ",".join(opts.figures), "--", *odoo_args]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
    if proc.returncode:
        sys.exit(f"benchmark worker on {db} failed (exit {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def fmt(result):
    if not result:
        return "n/a"
    if "error" in result:
        return "error"
    return f"{result['value']:g} {result['unit']}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=5000, help="extra POS products per database")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per figure")
    parser.add_argument("--figures", type=lambda s: [f for f in s.split(",") if f], default=[])
    parser.add_argument("--vanilla-db", default="lp_bench_vanilla")
    parser.add_argument("--suite-db", default="lp_bench_suite")
    parser.add_argument("--output", default=os.path.join(HERE, "results", "latest.json"))
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("odoo_args", nargs="*", help="odoo-bin options (after --)")
    opts = parser.parse_args()
    if opts.worker:
        return worker(opts, opts.odoo_args)

    started = datetime.datetime.now(datetime.timezone.utc)
    measured = {}
    for label, db in (("vanilla", opts.vanilla_db), ("suite", opts.suite_db)):
        print(f"measuring {label} ({db})...", file=sys.stderr)
        measured[label] = run_worker(db, opts, opts.odoo_args)

    figures = {}
    for name, description in measured["vanilla"]["descriptions"].items():
        vanilla = measured["vanilla"]["figures"].get(name)
        suite = measured["suite"]["figures"].get(name)
        ratio = None
        if vanilla and suite and vanilla.get("value") and suite.get("value") is not None:
            ratio = round(suite["value"] / vanilla["value"], 3)
        figures[name] = {"description": description, "vanilla": vanilla, "suite": suite, "ratio": ratio}

    suite_addons = sorted(set(measured["suite"]["installed"]) - set(measured["vanilla"]["installed"]))
    print(f"\n{opts.products} extra POS products, {opts.runs} runs (median); suite addons: {', '.join(suite_addons)}")
    rows = [("figure", "vanilla", "suite", "suite/vanilla")]
    for name, fig in figures.items():
        rows.append((name, fmt(fig["vanilla"]), fmt(fig["suite"]), f"{fig['ratio']:.2f}x" if fig["ratio"] else "n/a"))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            print("  ".join("-" * w for w in widths))
    for name, fig in figures.items():
        for label in ("vanilla", "suite"):
            if fig[label] and "error" in fig[label]:
                print(f"{name} on {label}: {fig[label]['error']}")

    os.makedirs(os.path.dirname(opts.output), exist_ok=True)
    with open(opts.output, "w", encoding="utf-8") as handle:
        json.dump(
            {
                "date": started.isoformat(timespec="seconds"),
                "products": opts.products,
                "runs": opts.runs,
                "databases": {"vanilla": opts.vanilla_db, "suite": opts.suite_db},
                "suite_addons": suite_addons,
                "figures": figures,
            },
            handle,
            indent=2,
        )
        handle.write("\n")
    print(f"\nwritten to {os.path.relpath(opts.output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
