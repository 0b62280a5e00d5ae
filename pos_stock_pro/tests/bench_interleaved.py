"""Vanilla vs suite figures measured in alternation, for a loaded machine (not a unit test: run by hand).

tests/benchmarks/run.py measures the vanilla database, then the suite one: when other jobs share the
CPU, the two halves see different loads. This script opens both registries in one process and
alternates single runs of the same figure modules (tests/benchmarks/figures), so both sides share the
same noise; it reports the medians and the median of the per-pair ratios.

    python bench_interleaved.py --vanilla lp_stk_bench_v --suite lp_stk_bench_s --pairs 5 \
        --figures pos_load_stock,stock_quant_writes,order_sync -- --addons-path=...
"""

import argparse
import importlib
import json
import os
import statistics
import sys

FIGURES_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "benchmarks")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vanilla", required=True)
    parser.add_argument("--suite", required=True)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--figures", required=True)
    parser.add_argument("odoo_args", nargs="*")
    opts = parser.parse_args()

    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config([*opts.odoo_args, "--log-level=warn"], setup_logging=True)
    sys.path.insert(0, os.path.abspath(FIGURES_DIR))
    registries = {"vanilla": Registry(opts.vanilla), "suite": Registry(opts.suite)}
    report = {}
    for name in opts.figures.split(","):
        figure = importlib.import_module(f"figures.{name}")
        samples = {"vanilla": [], "suite": []}
        extra = {}
        for pair in range(opts.pairs):
            order = ("vanilla", "suite") if pair % 2 == 0 else ("suite", "vanilla")
            for label in order:
                with registries[label].cursor() as cr:
                    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                    result = figure.measure(env, runs=1)
                    cr.rollback()
                samples[label].append(result["value"])
                extra[label] = {k: v for k, v in result.items() if k not in ("value", "p95", "min", "max", "runs")}
        ratios = [s / v for v, s in zip(samples["vanilla"], samples["suite"], strict=True) if v]
        report[name] = {
            "vanilla_ms": round(statistics.median(samples["vanilla"]), 1),
            "suite_ms": round(statistics.median(samples["suite"]), 1),
            "ratio_median_of_pairs": round(statistics.median(ratios), 3),
            "samples": samples, "extra": extra,
        }
        sys.stdout.write(json.dumps({name: report[name]}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
