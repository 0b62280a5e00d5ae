"""Vanilla vs suite figures measured in alternation (bin/suite-bench --interleave N).

run.py measures the vanilla database, then the suite one: when other jobs share the CPU, the two
halves see different loads and the ratio means little. This opens both registries in one process
and alternates single runs of the same figure modules (vanilla, suite, suite, vanilla, ...), so both
sides share the same noise; it reports the medians and the median of the per-pair ratios.

    python interleaved.py --vanilla lp_bench_vanilla --suite lp_bench_suite --pairs 20 \
        --figures pos_load,order_sync -- --addons-path=...
"""

import argparse
import importlib
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RESULT_FILE = os.path.join(HERE, "results", "interleaved.json")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vanilla", default="lp_bench_vanilla")
    parser.add_argument("--suite", default="lp_bench_suite")
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument("--figures", required=True)
    parser.add_argument("odoo_args", nargs="*")
    opts = parser.parse_args()

    if os.environ.get("LP_ODOO_PATH"):
        sys.path.insert(0, os.environ["LP_ODOO_PATH"])  # source tree: odoo-bin's folder
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config([*opts.odoo_args, "--log-level=warn"], setup_logging=True)
    sys.path.insert(0, HERE)  # figures import bench_utils
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
            "description": figure.DESCRIPTION,
            "unit": result.get("unit", "ms"),
            "vanilla": round(statistics.median(samples["vanilla"]), 1),
            "suite": round(statistics.median(samples["suite"]), 1),
            "ratio_median_of_pairs": round(statistics.median(ratios), 3),
            "pairs": opts.pairs,
            "samples": samples,
            "extra": extra,
        }
        row = report[name]
        sys.stdout.write(f"{name:24} vanilla {row['vanilla']:>9} {row['unit']:3} suite {row['suite']:>9} "
                         f"ratio {row['ratio_median_of_pairs']:.3f}\n")
        sys.stdout.flush()
    os.makedirs(os.path.dirname(RESULT_FILE), exist_ok=True)
    with open(RESULT_FILE, "w") as handle:
        json.dump(report, handle, indent=2)


if __name__ == "__main__":
    main()
