"""Per-shop settings of the stock badges, push and gate, and the stock reads the POS relies on."""

from collections import defaultdict
from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.pos_loss_prevention_base.models.pos_session import OPEN_SESSION_STATES

from .pos_stock_gate import ACTION

STOCK_FIELDS_PREFIX = "pos_stock_"
# Core fields the gate depends on: where stock is counted, and whether a shipping date skips the gate.
GATE_FIELDS = {"picking_type_id", "warehouse_id", "ship_later"}
BUS_MESSAGE = "POS_STOCK_PRO"
# A poll asks "what changed since T"; rows stamped shortly before T may commit after it, so look back a bit.
POLL_OVERLAP_SECONDS = 3.0


class PosConfig(models.Model):
    _inherit = "pos.config"

    pos_stock_tier_high = fields.Float(
        "Stock High Tier", default=10.0, help="Above this quantity the badge is green.")
    pos_stock_tier_low = fields.Float(
        "Stock Low Tier", default=5.0, help="Between Low and High the badge is yellow; below Low, orange.")
    pos_stock_tier_floor = fields.Float(
        "Stock Floor", default=0.0, help="At or below the floor the badge is red.")
    pos_stock_low_warning = fields.Boolean(
        "Low-stock Warning",
        help="Tell the cashier, in a short notice, when a line leaves a product at or below the Low tier.")
    pos_stock_single_colour = fields.Boolean(
        "Single-colour Badges", help="Show every badge in one neutral colour, whatever the quantity.")
    pos_stock_badge_corner = fields.Selection(
        [("top_end", "Top right"), ("top_start", "Top left"), ("bottom_end", "Bottom right"),
         ("bottom_start", "Bottom left")],
        "Badge Corner", default="top_start", required=True)
    pos_stock_basis = fields.Selection(
        [("on_hand", "On hand"), ("free", "Free to sell (on hand - reserved)")],
        "Stock Basis", default="on_hand", required=True)
    pos_stock_refresh_mode = fields.Selection(
        [("realtime_polling", "Real-time with polling fallback"), ("polling", "Polling only"),
         ("realtime", "Real-time only")],
        "Stock Refresh", default="realtime_polling", required=True)
    pos_stock_poll_interval = fields.Integer("Polling Interval (s)", default=5)
    pos_stock_enforce_categ_ids = fields.Many2many(
        "pos.category", "pos_config_pos_stock_enforce_categ_rel", "config_id", "categ_id",
        string="Stock Gate Categories", help="Gate only products of these POS categories. Empty: every storable "
                                             "product.")
    pos_stock_allow_negative = fields.Boolean(
        "Allow Negative Stock", help="Disable the oversell gate: sales beyond stock are only recorded in the ledger.")
    pos_stock_gate_margin = fields.Float(
        "Gate Check Margin", default=2.0,
        help="The till asks the server only when a line leaves fewer than this many units of the last known "
             "quantity; routine sales need no extra round trip.")
    pos_stock_badge_basis = fields.Selection(
        [("quantity", "Quantity"), ("cover", "Days of cover")], "Badge Shows", default="quantity", required=True,
        help="Days of cover: on hand divided by the average daily demand (POS sales and deliveries to "
             "customers) over the demand window; the badge is coloured by the cover tiers.")
    pos_stock_cover_window = fields.Integer(
        "Demand Window (days)", default=30, help="Days of done customer moves averaged into the daily demand.")
    pos_stock_cover_tier_high = fields.Float(
        "Cover High Tier (days)", default=21.0, help="Above this many days of cover the badge is green.")
    pos_stock_cover_tier_low = fields.Float(
        "Cover Low Tier (days)", default=7.0, help="Between Low and High yellow; below Low, orange.")
    pos_stock_cover_tier_floor = fields.Float(
        "Cover Floor (days)", default=2.0, help="At or below the floor (or out of stock) the badge is red.")
    pos_stock_health_pill = fields.Boolean(
        "Stock Health Pill", default=True,
        help="The navbar pill counting the products at or below the Low tier.")
    pos_stock_location_id = fields.Many2one(
        "stock.location", "Stock Location", compute="_compute_pos_stock_location_id",
        help="Source location of the shop's operation type; badges count it and its children.")

    @api.depends("picking_type_id.default_location_src_id")
    def _compute_pos_stock_location_id(self):
        for config in self:
            config.pos_stock_location_id = config.picking_type_id.default_location_src_id

    # ------------------------------------------------------------------ protection
    def write(self, vals):
        # point_of_sale lets POS users write pos.config; the stock rules, and the fields the gate reads
        # (the operation type whose source location it counts, ship-later), are for managers only.
        if any(key.startswith(STOCK_FIELDS_PREFIX) or key in GATE_FIELDS for key in vals) and not self.env.su \
                and not self.env.user._lp_is_pos_manager() \
                and not self.env.user.has_group("base.group_system"):
            raise AccessError(_("Only Point of Sale managers can change the stock settings of a shop."))
        return super().write(vals)

    # ------------------------------------------------------------------ scope
    def _pos_stock_gated_products(self, products):
        """The products the oversell gate applies to here: storable, not bypassed, in the enforced categories."""
        self.ensure_one()
        products = products.filtered(lambda p: p.is_storable and not p.pos_stock_gate_bypass)
        if self.pos_stock_enforce_categ_ids:
            categories = self.pos_stock_enforce_categ_ids
            products = products.filtered(lambda p: p.pos_categ_ids & categories)
        return products

    # ------------------------------------------------------------------ quantities
    def _pos_stock_read_quantities(self, product_ids, quants=None):
        """{product_id: qty} at the shop's location subtree, for storable products, in ONE grouped query.

        ``quants``: {product_id: (quantity, reserved)} the caller already holds for exactly these products
        (the gate's locking read), used instead of the query.
        Closing mode: what open sessions sold but have not picked yet is subtracted (one more grouped query).
        """
        self.ensure_one()
        location = self.pos_stock_location_id
        product_ids = list(product_ids)
        if not location or not product_ids:
            return {}
        if quants is None:
            groups = self.env["stock.quant"].sudo()._read_group(
                [("product_id", "in", product_ids), ("location_id", "child_of", location.id)],
                ["product_id"], ["quantity:sum", "reserved_quantity:sum"],
            )
            quants = {product.id: (quantity, reserved) for product, quantity, reserved in groups}
        quantities = defaultdict(float)
        for product_id, (quantity, reserved) in quants.items():
            quantities[product_id] = quantity - (reserved if self.pos_stock_basis == "free" else 0.0)
        for product_id, qty in self._pos_stock_unpicked_sales(product_ids).items():
            quantities[product_id] -= qty
        return dict(quantities)

    def _pos_stock_unpicked_sales(self, product_ids):
        """Sold by open sessions at this location in closing mode, not yet moved out of stock."""
        self.ensure_one()
        location = self.pos_stock_location_id
        # Two steps: real-time shops (the common case) have no such session, and learn it in one plain query;
        # a child_of in the domain would resolve the location subtree first, on every order sync.
        sessions = self.env["pos.session"].sudo().search([
            ("state", "in", OPEN_SESSION_STATES), ("update_stock_at_closing", "=", True)])
        prefix = location.parent_path or ""
        sessions = sessions.filtered(
            lambda s: (s.config_id.picking_type_id.default_location_src_id.parent_path or "").startswith(prefix))
        if not sessions:
            return {}
        groups = self.env["pos.order.line"].sudo()._read_group(
            [("order_id.session_id", "in", sessions.ids), ("product_id", "in", list(product_ids)),
             ("order_id.state", "in", ("paid", "done", "invoiced")), ("order_id.picking_ids", "=", False),
             ("order_id.shipping_date", "=", False)],
            ["product_id"], ["qty:sum"],
        )
        return {product.id: qty for product, qty in groups}

    def _pos_stock_read_demand(self, product_ids):
        """{product_id: average daily demand} at the shop's location subtree, over the demand window.

        Demand = done moves from the location to customers (POS pickings and sales deliveries alike) minus
        the customer returns into it, plus what open sessions sold in closing mode and have not picked yet.
        A constant number of grouped queries whatever the number of products (products without demand are
        absent: their cover is unbounded).
        """
        self.ensure_one()
        location = self.pos_stock_location_id
        product_ids = list(product_ids)
        if not location or not product_ids:
            return {}
        since = fields.Datetime.now() - timedelta(days=max(1, self.pos_stock_cover_window))
        self.env["stock.move"].flush_model(["product_id", "state", "date", "product_qty", "location_id",
                                            "location_dest_id"])
        self.env["stock.location"].flush_model(["usage", "parent_path"])
        # SQL: deliveries out of the subtree and customer returns into it in ONE grouped pass (signed sum);
        # the ORM would need two read_groups, each resolving child_of and the usage join again (29 -> 9 ms
        # for 5,000 products). product_qty is the move's quantity in the product's own unit (stored; a done
        # move's demand equals what was done): no unit conversion, hence no read of 5,000 products' units.
        self.env.cr.execute(
            """SELECT move.product_id,
                      SUM(CASE WHEN dest.usage = 'customer' THEN move.product_qty ELSE -move.product_qty END)
                 FROM stock_move move
                 JOIN stock_location src ON src.id = move.location_id
                 JOIN stock_location dest ON dest.id = move.location_dest_id
                WHERE move.state = 'done' AND move.date >= %(since)s AND move.product_id = ANY(%(products)s)
                  AND ((dest.usage = 'customer' AND src.parent_path LIKE %(subtree)s)
                       OR (src.usage = 'customer' AND dest.parent_path LIKE %(subtree)s))
             GROUP BY move.product_id""",
            {"since": since, "products": product_ids, "subtree": location.parent_path + "%"},
        )
        totals = defaultdict(float, self.env.cr.fetchall())
        for product_id, qty in self._pos_stock_unpicked_sales(product_ids).items():
            totals[product_id] += qty
        days = max(1, self.pos_stock_cover_window)
        return {product_id: qty / days for product_id, qty in totals.items() if qty > 0}

    def _pos_stock_cover_values(self, product_ids):
        """What a till needs beside quantities to show days of cover: {"demand": {product_id: per day}}."""
        self.ensure_one()
        if self.pos_stock_badge_basis != "cover":
            return {}
        demand = self._pos_stock_read_demand(product_ids)
        # Six significant digits: a badge in days needs no more, and 1/30 no longer takes 19 characters of
        # JSON for each of 5,000 products in the POS load.
        return {"demand": {str(pid): float(f"{demand[pid]:.6g}") if pid in demand else 0.0 for pid in product_ids}}

    @api.model
    def _pos_stock_now(self):
        """Read time stamp (epoch seconds) from the database clock, shared by every worker."""
        # SQL: the database clock (not the transaction's start, not this worker's clock).
        self.env.cr.execute("SELECT extract(epoch FROM clock_timestamp())")
        return float(self.env.cr.fetchone()[0])

    # ------------------------------------------------------------------ push
    @api.model
    def _pos_stock_push(self, keys):
        """Send one bus message per open config whose stock location covers a changed (product, location).

        ``keys`` is a set of (product_id, location_id). Values are absolute and stamped with their read time,
        so a late message never overwrites a newer value on the till.
        """
        if not keys:
            return 0
        sessions = self.env["pos.session"].sudo().search(
            [("state", "in", OPEN_SESSION_STATES)])
        configs = sessions.config_id.filtered(
            lambda c: c.pos_stock_refresh_mode != "polling" and c.pos_stock_location_id)
        if not configs:
            return 0
        locations = self.env["stock.location"].sudo().browse({location_id for _product, location_id in keys})
        path_by_location = {location.id: location.parent_path or "" for location in locations}
        # A chain's tills mostly share a few stock locations and settings: the payload is read once per
        # group of identical configs, not once per config (50 tills on one warehouse: 3 queries, not 150).
        payloads = {}
        sent = 0
        for config in configs:
            group = config._pos_stock_push_group_key()
            if group not in payloads:
                payloads[group] = config._pos_stock_push_payload(keys, path_by_location)
            if payloads[group]:
                config._notify(BUS_MESSAGE, payloads[group])
                sent += 1
        return sent

    def _pos_stock_push_group_key(self):
        """Configs with equal keys receive the same pushed payload (extend when a payload reads more)."""
        self.ensure_one()
        return (self.pos_stock_location_id.id, self.company_id.id, self.pos_stock_basis,
                self.pos_stock_badge_basis, self.pos_stock_cover_window)

    def _pos_stock_push_payload(self, keys, path_by_location):
        """The message for this config's till, or None when no changed product is visible to it."""
        self.ensure_one()
        prefix = self.pos_stock_location_id.parent_path or ""
        product_ids = {product_id for product_id, location_id in keys
                       if path_by_location.get(location_id, "").startswith(prefix)}
        product_ids = self._pos_stock_visible_ids(product_ids)
        if not product_ids:
            return None
        stamp = self._pos_stock_now()
        quantities = self._pos_stock_read_quantities(product_ids)
        return {"ts": stamp, "qty": {str(pid): quantities.get(pid, 0.0) for pid in product_ids},
                **self._pos_stock_cover_values(product_ids)}

    def _pos_stock_visible_ids(self, product_ids):
        """Storable products this till can show (POS-available, sellable)."""
        self.ensure_one()
        if not product_ids:
            return []
        return self.env["product.product"].sudo().search([
            ("id", "in", list(product_ids)), ("is_storable", "=", True), ("available_in_pos", "=", True),
        ]).ids

    # ------------------------------------------------------------------ RPCs the till calls
    def _pos_stock_check_till(self):
        self.ensure_one()
        if not self.env.user._lp_is_pos_user():
            raise AccessError(_("Only Point of Sale users can read the shop's stock."))

    def pos_stock_poll(self, since=0.0, product_ids=None):
        """Polling fallback: absolute quantities of what changed since ``since`` (a server stamp).

        Returns {"ts": new stamp to pass next time, "qty": {product_id: qty}}. With no ``since`` (first poll
        or a reconnect), the given ``product_ids`` are all refreshed.
        """
        self._pos_stock_check_till()
        # The poll itself is the till's heartbeat: no extra call (health banner, "polling").
        self.env["pos.stock.till.link"]._pos_stock_seen(self.current_session_id, "polling")
        stamp = self._pos_stock_now()
        if since:
            changed = self.env["pos.stock.change"]._pos_stock_changed_since(
                self.pos_stock_location_id, float(since) - POLL_OVERLAP_SECONDS)
            product_ids = self._pos_stock_visible_ids(changed)
        else:
            product_ids = self._pos_stock_visible_ids(product_ids or [])
        quantities = self._pos_stock_read_quantities(product_ids)
        return {"ts": stamp, "qty": {str(pid): quantities.get(pid, 0.0) for pid in product_ids},
                **self._pos_stock_cover_values(product_ids)}

    def pos_stock_probe_tills(self):
        """Health banner: ask every open till of the company, through the bus, how it gets its stock."""
        self.ensure_one()
        if not self.env.user.has_group("point_of_sale.group_pos_manager"):
            raise AccessError(_("Only Point of Sale managers can probe the tills."))
        return self.env["pos.stock.till.link"]._pos_stock_probe(self.company_id)

    def pos_stock_other_locations(self, product_id):
        """On-hand quantity of one product at the company's other internal locations (tooltip).

        The card of a template with variants stands for all of them: one row per (location, variant) then,
        each with its variant, so that a transfer can be requested for the variant that is short.
        """
        self._pos_stock_check_till()
        location = self.pos_stock_location_id
        product = self.env["product.product"].sudo().browse(int(product_id)).exists()
        if not product:
            return []
        variants = product.product_tmpl_id.product_variant_ids if product.product_variant_count > 1 else product
        here = self.env["stock.location"].sudo().search([("id", "child_of", location.id)]).ids if location else []
        groups = self.env["stock.quant"].sudo()._read_group(
            [("product_id", "in", variants.ids), ("location_id.usage", "=", "internal"),
             ("company_id", "=", self.company_id.id), ("location_id", "not in", here)],
            ["location_id", "product_id"], ["quantity:sum"],
        )
        with_variants = len(variants) > 1
        return [{"location_id": loc.id, "name": loc.complete_name, "qty": qty, "product_id": variant.id,
                 "product_name": variant.display_name if with_variants else False}
                for loc, variant, qty in sorted(groups, key=lambda g: (-g[2], g[0].complete_name)) if qty]

    def pos_stock_request_transfer(self, product_id, from_location_id, qty):
        """Create a draft internal transfer to this shop's location; return its reference."""
        self._pos_stock_check_till()
        location = self.pos_stock_location_id
        source = self.env["stock.location"].sudo().browse(int(from_location_id)).exists()
        product = self.env["product.product"].sudo().browse(int(product_id)).exists()
        if not source or source.usage != "internal" or source.company_id != self.company_id or not product \
                or not qty or float(qty) <= 0:
            return {"ok": False, "message": _("This transfer cannot be requested.")}
        picking_type = self.env["stock.picking.type"].sudo().search([
            ("code", "=", "internal"), ("company_id", "=", self.company_id.id),
            ("warehouse_id", "=", self.picking_type_id.warehouse_id.id)], limit=1) or \
            self.env["stock.picking.type"].sudo().search([
                ("code", "=", "internal"), ("company_id", "=", self.company_id.id)], limit=1)
        if not picking_type:
            return {"ok": False, "message": _("No internal transfer type is set up for this company.")}
        picking = self.env["stock.picking"].sudo().create({
            "picking_type_id": picking_type.id,
            "location_id": source.id,
            "location_dest_id": location.id,
            "origin": _("POS %(shop)s stock request", shop=self.name),
            "move_ids": [Command.create({
                "name": product.display_name, "product_id": product.id, "product_uom": product.uom_id.id,
                "product_uom_qty": float(qty), "location_id": source.id, "location_dest_id": location.id,
            })],
        })
        return {"ok": True, "name": picking.name, "message": _("Transfer %(name)s requested.", name=picking.name)}

    # ------------------------------------------------------------------ enforcement checklist
    def _lp_enforcement_checklist(self):
        items = super()._lp_enforcement_checklist()
        config = self.sudo()
        item = {"addon": "pos_stock_pro", "blocking": False}
        location = config.pos_stock_location_id
        if location:
            products = self.env["product.product"].sudo().search([
                ("is_storable", "=", True), ("available_in_pos", "=", True),
                ("company_id", "in", [config.company_id.id, False])])
            counted = self.env["stock.move"].sudo()._read_group([
                ("product_id", "in", products.ids), ("is_inventory", "=", True), ("state", "=", "done"),
                "|", ("location_dest_id", "child_of", location.id), ("location_id", "child_of", location.id),
            ], ["product_id"])
            never = len(products) - len(counted)
            items.append(dict(item, ok=not never, label=_(
                "The stock of %(count)s product(s) has never been counted at %(location)s",
                count=never, location=location.display_name) if never else _(
                "Every storable product's stock has been counted at %(location)s", location=location.display_name)))
        if not config.pos_stock_allow_negative:
            approvers = self.env["hr.employee"]._lp_config_approvers(ACTION, config)
            items.append(dict(item, ok=bool(approvers), blocking=True, label=_(
                "Stock gate: %(count)s employee(s) can approve a sale beyond stock", count=len(approvers))
                if approvers else _("Stock gate: nobody with an approval PIN can approve a sale beyond stock")))
        return items
