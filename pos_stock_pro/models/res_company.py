"""The daily reorder digest, one mail per warehouse.

A row per (warehouse, product) that is at or below its reorder point OR that the tills were short of in
the last days (the shortfall ledger), with the orderpoint's suggested quantity. Every figure comes from
a constant number of grouped queries (orderpoints, ledger, on-hand, pending moves), never one per
product: 10,000 orderpoints cost the same number of queries as ten.
"""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import float_compare, float_is_zero

DIGEST_DAYS = 7
PENDING_MOVE_STATES = ("waiting", "confirmed", "partially_available", "assigned")


class ResCompany(models.Model):
    _inherit = "res.company"

    pos_stock_digest_user_ids = fields.Many2many(
        "res.users", "res_company_pos_stock_digest_user_rel", "company_id", "user_id",
        string="Reorder Digest Recipients",
        help="Buyers who get the daily POS reorder digest of every warehouse that has no recipients of its own.")

    # ------------------------------------------------------------------ grouped reads
    def _pos_stock_subtree_sums(self, keys, pending=False):
        """[sum] aligned with ``keys`` [(product_id, location_id)], over each location and its children.

        pending=False: on-hand quantity (quants). pending=True: incoming minus outgoing quantity of the moves
        still to do (what Odoo's forecast adds to the on-hand), in the product's unit. One query.
        """
        if not keys:
            return []
        products, locations = [key[0] for key in keys], [key[1] for key in keys]
        if pending:
            query = """
                SELECT k.ord,
                       SUM(CASE WHEN dl.parent_path LIKE root.parent_path || '%%' THEN m.product_qty ELSE 0 END)
                     - SUM(CASE WHEN sl.parent_path LIKE root.parent_path || '%%' THEN m.product_qty ELSE 0 END)
                  FROM unnest(%s::int[], %s::int[]) WITH ORDINALITY AS k(product_id, location_id, ord)
                  JOIN stock_location root ON root.id = k.location_id
                  JOIN stock_move m ON m.product_id = k.product_id AND m.state IN %s
                  JOIN stock_location sl ON sl.id = m.location_id
                  JOIN stock_location dl ON dl.id = m.location_dest_id
                 WHERE (dl.parent_path LIKE root.parent_path || '%%') <> (sl.parent_path LIKE root.parent_path || '%%')
              GROUP BY k.ord"""
            params = [products, locations, PENDING_MOVE_STATES]
        else:
            query = """
                SELECT k.ord, SUM(q.quantity)
                  FROM unnest(%s::int[], %s::int[]) WITH ORDINALITY AS k(product_id, location_id, ord)
                  JOIN stock_location root ON root.id = k.location_id
                  JOIN stock_quant q ON q.product_id = k.product_id
                  JOIN stock_location l ON l.id = q.location_id AND l.parent_path LIKE root.parent_path || '%%'
              GROUP BY k.ord"""
            params = [products, locations]
        self.env.flush_all()
        # SQL: subtree sums for many (product, location) keys in one grouped query (no ORM equivalent).
        self.env.cr.execute(query, params)
        sums = dict(self.env.cr.fetchall())
        return [sums.get(index + 1) or 0.0 for index in range(len(keys))]

    def _pos_stock_digest_shortfalls(self, since):
        """{(warehouse_id, product_id): (qty short, value at stake)} of the ledger since ``since``.

        One attempt can leave several rows (blocked, then approved): each order and product counts once.
        """
        self.ensure_one()
        self.env.flush_all()
        # SQL: a nested aggregate (one row per attempt, then per warehouse) in one query.
        self.env.cr.execute(
            """SELECT pt.warehouse_id, attempts.product_id, SUM(qty_short), SUM(value_at_stake) FROM (
                   SELECT product_id, config_id, COALESCE(order_uuid, id::text) AS attempt,
                          MAX(qty_short) AS qty_short, MAX(value_at_stake) AS value_at_stake
                     FROM pos_stock_override_log
                    WHERE company_id = %s AND create_date >= %s AND qty_short > 0
                 GROUP BY product_id, config_id, COALESCE(order_uuid, id::text)) attempts
                 JOIN pos_config pc ON pc.id = attempts.config_id
                 JOIN stock_picking_type pt ON pt.id = pc.picking_type_id
                WHERE pt.warehouse_id IS NOT NULL
             GROUP BY pt.warehouse_id, attempts.product_id""",
            [self.id, since],
        )
        return {(wh_id, product_id): (qty, value) for wh_id, product_id, qty, value in self.env.cr.fetchall()}

    @api.model
    def _pos_stock_suggested_qty(self, orderpoint, forecast):
        """Odoo's own "To Order" (stock.warehouse.orderpoint._get_qty_to_order) from a grouped forecast:
        up to the max when the forecast is under the min, to the multiple; a buyer's manual figure wins."""
        if orderpoint.qty_to_order_manual:
            return orderpoint.qty_to_order_manual
        rounding = orderpoint.product_uom.rounding
        if float_compare(forecast, orderpoint.product_min_qty, precision_rounding=rounding) >= 0:
            return 0.0
        qty = max(orderpoint.product_min_qty, orderpoint.product_max_qty) - forecast
        remainder = (orderpoint.qty_multiple > 0.0 and qty % orderpoint.qty_multiple) or 0.0
        if float_compare(remainder, 0.0, precision_rounding=rounding) > 0 \
                and float_compare(orderpoint.qty_multiple - remainder, 0.0, precision_rounding=rounding) > 0:
            if float_is_zero(orderpoint.product_max_qty, precision_rounding=rounding):
                qty += orderpoint.qty_multiple - remainder
            else:
                qty -= remainder
        return qty

    # ------------------------------------------------------------------ the digest
    def _pos_stock_digest_rows(self):
        """[{warehouse_id, product, location, on_hand, min_qty, max_qty, suggested, short_qty, value}],
        most value at stake first. A product short at the tills but with no orderpoint has no min, max
        or suggestion (None) and its on-hand at the warehouse's stock location."""
        self.ensure_one()
        since = fields.Datetime.now() - timedelta(days=DIGEST_DAYS)
        warehouses = self.env["stock.warehouse"].sudo().search([("company_id", "=", self.id)])
        orderpoints = self.env["stock.warehouse.orderpoint"].sudo().search_fetch([
            ("company_id", "=", self.id), ("trigger", "in", ("auto", "manual")),
            ("warehouse_id", "in", warehouses.ids),
        ], ["product_id", "warehouse_id", "location_id", "product_min_qty", "product_max_qty", "qty_multiple",
            "qty_to_order_manual", "product_uom"])
        shortfalls = self._pos_stock_digest_shortfalls(since)
        by_pair = {}
        for orderpoint in orderpoints:
            by_pair.setdefault((orderpoint.warehouse_id.id, orderpoint.product_id.id), orderpoint)
        unplanned = [pair for pair in shortfalls if pair not in by_pair]
        lot_stock = {warehouse.id: warehouse.lot_stock_id.id for warehouse in warehouses}
        unplanned = [pair for pair in unplanned if lot_stock.get(pair[0])]
        # One on-hand query for every orderpoint (to find the breaches) and every unplanned shortfall.
        keys = [(op.product_id.id, op.location_id.id) for op in orderpoints] + \
               [(product_id, lot_stock[wh_id]) for wh_id, product_id in unplanned]
        on_hand = self._pos_stock_subtree_sums(keys)
        on_hand_op = dict(zip(orderpoints.ids, on_hand[:len(orderpoints)], strict=True))
        listed = orderpoints.browse([
            op.id for op in by_pair.values()
            if float_compare(on_hand_op[op.id], op.product_min_qty, precision_rounding=op.product_uom.rounding) <= 0
            or (op.warehouse_id.id, op.product_id.id) in shortfalls])
        pending = dict(zip(listed.ids, self._pos_stock_subtree_sums(
            [(op.product_id.id, op.location_id.id) for op in listed], pending=True), strict=True))
        rows = []
        for op in listed:
            short_qty, value = shortfalls.get((op.warehouse_id.id, op.product_id.id), (0.0, 0.0))
            rows.append({
                "warehouse_id": op.warehouse_id.id, "product_id": op.product_id.id, "location": op.location_id,
                "on_hand": on_hand_op[op.id], "min_qty": op.product_min_qty, "max_qty": op.product_max_qty,
                "suggested": self._pos_stock_suggested_qty(op, on_hand_op[op.id] + pending[op.id]),
                "short_qty": short_qty, "value": value,
            })
        locations = self.env["stock.location"].sudo().browse(lot_stock.values())
        for (wh_id, product_id), qty in zip(unplanned, on_hand[len(orderpoints):], strict=True):
            short_qty, value = shortfalls[(wh_id, product_id)]
            rows.append({
                "warehouse_id": wh_id, "product_id": product_id, "location": locations.browse(lot_stock[wh_id]),
                "on_hand": qty, "min_qty": None, "max_qty": None, "suggested": None,
                "short_qty": short_qty, "value": value,
            })
        products = self.env["product.product"].sudo().browse({row["product_id"] for row in rows})
        names = dict(zip(products.ids, products.mapped("display_name"), strict=True))
        for row in rows:
            row["product"] = names[row["product_id"]]
            row["location"] = row["location"].complete_name
        return sorted(rows, key=lambda row: (-row["value"], row["product"]))

    @api.model
    def _cron_pos_stock_reorder_digest(self):
        template = self.env.ref("pos_stock_pro.mail_template_pos_stock_reorder_digest")
        Warehouse = self.env["stock.warehouse"].sudo()
        companies = self.sudo().search([("pos_stock_digest_user_ids", "!=", False)]) | \
            Warehouse.search([("pos_stock_digest_user_ids", "!=", False)]).company_id
        sent = 0
        for company in companies:
            rows_by_warehouse = defaultdict(list)
            for row in company._pos_stock_digest_rows():
                rows_by_warehouse[row["warehouse_id"]].append(row)
            for warehouse in Warehouse.browse(sorted(rows_by_warehouse)):
                emails = warehouse._pos_stock_digest_recipients()
                if not emails:
                    continue  # nothing to send to: no empty mail, and no mail to nobody
                template.with_context(digest_rows=rows_by_warehouse[warehouse.id], digest_warehouse=warehouse.name,
                                      digest_days=DIGEST_DAYS).send_mail(
                    company.id, email_values={"email_to": ",".join(emails), "recipient_ids": []})
                sent += 1
        return sent
