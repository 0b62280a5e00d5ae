"""Stock push cost (pos_stock_pro): 1,000 quant writes in one transaction, and the bus messages they cause.

The same code runs on both databases. On the suite one, pos_stock_pro collects (product, location)
keys during the writes and, after commit, reads the quantities once and sends one message per open
POS config; the benchmark cursor never commits, so the post-commit push is run by hand, on the same
cursor, when the addon is installed. `messages` counts the stock bus rows one transaction produced.
"""

from bench_utils import demo_till, time_runs  # tests/benchmarks is on sys.path (run.py puts it there)

NAME = "stock_quant_writes"
DESCRIPTION = "1,000 x stock.quant._update_available_quantity(-1) in one transaction, commit hooks and push included"
WRITES = 1000


def measure(env, runs=5):
    config, _session, _context = demo_till(env)
    location = config.picking_type_id.default_location_src_id
    product = env["product.product"].create({
        "name": "LPBENCH stock writes", "is_storable": True, "available_in_pos": True})
    Quant = env["stock.quant"]
    Quant._update_available_quantity(product, location, 1_000_000)
    env.flush_all()
    env.cr.precommit.run()
    push_keys = "pos_stock_pro.push"
    messages = []

    def transaction():
        env.cr.execute("SAVEPOINT lp_bench_quants")
        for _i in range(WRITES):
            Quant._update_available_quantity(product, location, -1)
        env.flush_all()
        env.cr.precommit.run()  # what COMMIT runs first: change keys (and bus rows)
        keys = env.cr.postcommit.data.pop(push_keys, None)
        sent = 0
        if keys is not None and "_pos_stock_push" in dir(env["pos.config"]):
            sent = env["pos.config"].sudo()._pos_stock_push(keys)  # what runs after COMMIT
            env.cr.precommit.run()  # the bus rows of the push
        env.cr.postcommit.clear()
        messages.append(sent)
        env.cr.execute("ROLLBACK TO SAVEPOINT lp_bench_quants")
        env.invalidate_all()

    result = time_runs(transaction, runs=runs)
    result["messages"] = max(messages) if messages else 0
    result["writes"] = WRITES
    return result
