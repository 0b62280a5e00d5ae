"""The oversell gate: which lines it judges, what is available, and the lock that makes it hold.

Shared by the RPC the till calls at Pay (pos.session.pos_stock_check_gate) and by the backstop at
order sync (pos.order._process_order), so client and server always agree on scope and numbers.
"""

from odoo import api, models
from odoo.tools import float_compare

ACTION = "stock_override"


class PosStockGate(models.AbstractModel):
    _name = "pos.stock.gate"
    _description = "POS Stock Gate"

    @api.model
    def _requested(self, config, lines, trusted=False):
        """{product_id: qty} the gate judges, from order lines [{product_id, qty, ...}].

        ``trusted``: the lines are about to be created by the order sync, whose foreign keys refuse
        a product that does not exist; the RPCs pass client ids, filtered here.

        Returns (qty <= 0) are never gated: they bring stock back. A positive line is a sale whatever it
        claims to refund (``refunded_orderline_id`` is the client's word). Combo parents are not storable,
        their components are. Each variant is judged on its own quantity. Lots are judged on the product's
        total at the location (a lot mix-up is not an oversell).
        """
        totals = {}
        for line in lines or []:
            product_id = line.get("product_id")
            qty = float(line.get("qty") or 0.0)
            if not product_id or qty <= 0:
                continue
            totals[int(product_id)] = totals.get(int(product_id), 0.0) + qty
        if not totals:
            return {}
        products = self.env["product.product"].sudo().browse(list(totals))
        products = products if trusted else products.exists()
        return self._judged_demand(config, {pid: totals[pid] for pid in products.ids}, products)

    @api.model
    def _judged_demand(self, config, totals, products):
        """Extension point: {product_id: qty} the gate judges, from the order's {product_id: qty} totals.

        Here: the gated products' own totals. pos_stock_pro_mrp replaces a kit by its components (and
        returns a dict that also says which kits asked for each component, for the ledger). Mirrored in
        JS by ``stockGate.inScope`` / ``stockGate.demand`` (static/src/app/utils/stock_tiers.js).
        """
        gated = config._pos_stock_gated_products(products)
        return {product_id: qty for product_id, qty in totals.items() if product_id in gated.ids}

    @api.model
    def _canonical(self, requested):
        """The approved value a token is bound to: [[product_id, qty in thousandths]] sorted, the same
        spelling in JS and Python (integers only, so 2 and 2.0 cannot differ)."""
        return [[int(pid), int(round(qty * 1000))] for pid, qty in sorted(requested.items())]

    @api.model
    def _lock(self, config, product_ids, counters=True):
        """Lock the quants (no SKIP LOCKED, id order) and the gate counters of these products here.

        Under REPEATABLE READ, locking a quant that a concurrent sale has changed and committed fails to
        serialise: Odoo retries the request on a snapshot that sees that sale.
        Returns what the locked quants hold, {product_id: (quantity, reserved)}: the read that follows
        needs no query of its own.
        """
        location = config.pos_stock_location_id
        self.env["stock.quant"].flush_model(["quantity", "reserved_quantity"])
        # SQL: a row lock (FOR NO KEY UPDATE) in id order; the ORM has no locking read.
        self.env.cr.execute(
            """SELECT q.product_id, q.quantity, q.reserved_quantity
                 FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
                WHERE q.product_id = ANY(%s) AND l.parent_path LIKE %s
             ORDER BY q.id FOR NO KEY UPDATE OF q""",
            [sorted(product_ids), (location.parent_path or "") + "%"], log_exceptions=False,
        )
        held = {}
        for product_id, quantity, reserved in self.env.cr.fetchall():
            total, total_reserved = held.get(product_id, (0.0, 0.0))
            held[product_id] = (total + quantity, total_reserved + reserved)
        if counters:
            self.env["pos.stock.hold"]._pos_stock_lock_counters(location, product_ids)
        return held

    @api.model
    def _available(self, config, product_ids, order_uuid=None, quants=None):
        """{product_id: what this order may take}: stock at the location minus other orders' live holds.
        ``quants``: what _lock returned for these products (then the quants are not read again)."""
        quantities = config._pos_stock_read_quantities(product_ids, quants=quants)
        held = self.env["pos.stock.hold"]._pos_stock_held(config.pos_stock_location_id, product_ids, order_uuid)
        return {pid: quantities.get(pid, 0.0) - held.get(pid, 0.0) for pid in product_ids}

    @api.model
    def _evaluate(self, config, requested, order_uuid=None, lock=False):
        """Shortfall lines [{product_id, name, requested, available, shortfall, price}] (empty: all fit).

        ``lock``: True locks the quants and the gate counters before reading (the gate at Pay).
        "sync" (an order sync in real-time mode) locks the quants only, the rows the sale's own picking
        writes anyway: two tills selling the same product at the same moment then serialise, and Odoo
        retries the second sync on a snapshot that sees what the first sold, so the loser of a race for
        the last units is judged and ledgered on the truth. A pre-read cannot decide whether to lock:
        neither transaction sees the other's uncommitted sale. "sync_closing" (closing mode: no quant
        moves until closing) locks the counters too.
        """
        if not requested or not config.pos_stock_location_id:
            return []
        product_ids = list(requested)
        quants = self._lock(config, product_ids, counters=lock != "sync") if lock else None
        return self._shortfalls(requested, self._available(config, product_ids, order_uuid, quants=quants))

    @api.model
    def _shortfalls(self, requested, available):
        shortfalls = []
        # The POS counts in the product's unit at the quantity precision (cached; a UoM read per
        # product would cost a statement on every sale).
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        for product in self.env["product.product"].sudo().browse(list(requested)):
            wanted, have = requested[product.id], available[product.id]
            if float_compare(wanted, have, precision_digits=digits) > 0:
                shortfalls.append({
                    "product_id": product.id, "name": product.display_name, "requested": wanted,
                    "available": have, "shortfall": wanted - max(have, 0.0), "price": product.lst_price,
                })
        return shortfalls
