"""POS load: what the browser waits for when the POS opens."""

import json

from bench_utils import demo_till, time_runs  # tests/benchmarks is on sys.path (run.py puts it there)

from odoo.tools import json_default

NAME = "pos_load"
DESCRIPTION = "pos.session.load_data([]) on the demo shop as /pos/ui calls it, incl. JSON encoding"


def measure(env, runs=20):
    # The web client's RPC context (lang, tz, allowed companies) for the admin.
    _config, session, _context = demo_till(env)

    def load():
        # data_service.js: orm.call("pos.session", "load_data", [session_id, PosData.modelToLoad])
        # with modelToLoad = [] (everything); the JSON-RPC layer then encodes the answer.
        json.dumps(session.load_data([]), default=json_default)

    # Cold ORM cache for each run, as for a till opening after other requests.
    result = time_runs(load, runs=runs, before_each=env.invalidate_all)
    data = session.load_data([])
    result["records"] = sum(len(v.get("data", [])) for v in data.values() if isinstance(v, dict))
    result["products"] = len(data.get("product.product", {}).get("data", []))
    return result
