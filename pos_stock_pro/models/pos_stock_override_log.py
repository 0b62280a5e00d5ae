"""The shortfall ledger: every blocked sale, override, cancelled dialog, failed PIN and bypass.

Evidence rows (pos.evidence.mixin): create-only for everyone, admin included, hash-chained per company.
"""

from odoo import api, fields, models

OUTCOMES = [
    ("blocked", "Blocked"),
    ("approved", "Approved"),
    ("cancelled", "Cancelled"),
    ("pin_failed", "PIN Failed"),
    ("gate_disabled", "Gate Disabled"),
    ("bypass", "Bypass"),
]


class PosStockOverrideLog(models.Model):
    _name = "pos.stock.override.log"
    _inherit = ["pos.evidence.mixin"]
    _description = "POS Stock Shortfall"
    _rec_name = "product_id"
    _evidence_hashed_fields = (
        "create_date", "create_uid", "company_id", "product_id", "order_id", "session_id", "order_uuid",
        "qty_requested", "qty_available", "qty_short", "list_price", "value_at_stake", "outcome",
        "cashier_id", "approver_id", "reason", "message",
    )

    product_id = fields.Many2one("product.product", required=True, readonly=True, ondelete="restrict", index=True)
    order_id = fields.Many2one("pos.order", readonly=True, ondelete="restrict", index=True)
    order_uuid = fields.Char("Order UUID", readonly=True, index=True)
    session_id = fields.Many2one("pos.session", readonly=True, ondelete="restrict", index=True)
    config_id = fields.Many2one(related="session_id.config_id", store=True, string="Point of Sale")
    user_id = fields.Many2one("res.users", "Cashier User", related="create_uid", store=True)
    cashier_id = fields.Many2one("hr.employee", readonly=True, ondelete="restrict")
    approver_id = fields.Many2one("hr.employee", readonly=True, ondelete="restrict", index=True)
    qty_requested = fields.Float("Requested", readonly=True, digits="Product Unit of Measure")
    qty_available = fields.Float("Available", readonly=True, digits="Product Unit of Measure")
    qty_short = fields.Float("Shortfall", readonly=True, digits="Product Unit of Measure")
    currency_id = fields.Many2one(related="company_id.currency_id")
    list_price = fields.Monetary(readonly=True)
    value_at_stake = fields.Monetary("Value at Stake", readonly=True, help="List price x shortfall.")
    outcome = fields.Selection(OUTCOMES, required=True, readonly=True, index=True)
    reason = fields.Char(readonly=True)
    message = fields.Char(readonly=True, help="Why the server refused (wrong PIN, replayed token...).")
    token_id = fields.Many2one("pos.approval.token", "Approval Token", readonly=True, ondelete="set null")
    token_consumed = fields.Boolean(compute="_compute_token_consumed")

    @api.depends("token_id.consumed_at")
    def _compute_token_consumed(self):
        for row in self:
            row.token_consumed = bool(row.token_id.sudo().consumed_at)

    @api.model
    def _pos_stock_log(self, session, outcome, shortfalls, detached=False, **extra):
        """One row per short product. ``detached``: in its own transaction (survives a rollback)."""
        rows = [dict(self._pos_stock_log_vals(session, outcome, line), **extra) for line in shortfalls]
        if detached:
            return [self._evidence_create_detached(vals) for vals in rows]
        return self.sudo().create(rows).ids

    @api.model
    def _pos_stock_log_vals(self, session, outcome, line):
        """Extension point: the row of one shortfall line (pos_stock_pro_mrp adds the kits that asked)."""
        return {
            "product_id": line["product_id"], "session_id": session.id, "company_id": session.company_id.id,
            "qty_requested": line["requested"], "qty_available": line["available"],
            "qty_short": line["shortfall"], "list_price": line["price"],
            "value_at_stake": line["price"] * line["shortfall"], "outcome": outcome,
        }
