"""The gate RPC the till calls at Pay, the cancel log, and the ledger rows of stock-override approvals."""

from odoo import _, models
from odoo.exceptions import AccessError

from .pos_stock_gate import ACTION


class PosSession(models.Model):
    _inherit = "pos.session"

    def write(self, vals):
        # POS users may write their session (core); moving it to another shop would point the stock
        # gate (and the picking) at that shop's location.
        if "config_id" in vals and not self.env.su and not self.env.user._lp_is_pos_manager() \
                and any(session.config_id.id != vals["config_id"] for session in self):
            raise AccessError(_("Only Point of Sale managers can move a session to another shop."))
        return super().write(vals)

    def pos_stock_check_gate(self, order_uuid, lines, cashier_id=None):
        """Judge an order's lines against live stock, before any payment.

        Returns {"ok": True} or {"ok": False, "value": <canonical lines for the approval token>,
        "lines": [{product_id, name, requested, available, shortfall}]}. Never raises on a refusal: the
        "blocked" ledger rows commit with the answer. Quants and gate counters are locked (first updater
        wins); an allowed order holds its units until it syncs, so a second till cannot sell them too.
        """
        self._lp_check_till()
        config = self.config_id
        if config.pos_stock_allow_negative or not self._lp_enforced():
            return {"ok": True, "gate": "disabled"}
        Gate = self.env["pos.stock.gate"]
        requested = Gate._requested(config, lines)
        if not requested:
            return {"ok": True}
        shortfalls = Gate._evaluate(config, requested, order_uuid=order_uuid, lock=True)
        if not shortfalls:
            self.env["pos.stock.hold"]._pos_stock_replace(config, order_uuid, requested)
            return {"ok": True}
        self.env["pos.stock.override.log"]._pos_stock_log(
            self, "blocked", shortfalls, order_uuid=order_uuid, cashier_id=self._pos_stock_employee(cashier_id))
        return {"ok": False, "value": Gate._canonical(requested), "lines": shortfalls}

    def pos_stock_log_cancel(self, order_uuid, lines, cashier_id=None):
        """The cashier closed the override dialog without an approval: keep it on record."""
        self._lp_check_till()
        Gate = self.env["pos.stock.gate"]
        shortfalls = Gate._evaluate(self.config_id, Gate._requested(self.config_id, lines), order_uuid=order_uuid)
        self.env["pos.stock.override.log"]._pos_stock_log(
            self, "cancelled", shortfalls, order_uuid=order_uuid, cashier_id=self._pos_stock_employee(cashier_id))
        return True

    def pos_stock_probe_answer(self, mode=None, push_age=None):
        """The till's answer to the settings' bus probe (it came through the websocket); see pos.stock.till.link."""
        self._lp_check_till()
        self.env["pos.stock.till.link"]._pos_stock_answer(self, mode, push_age)
        return True

    def _pos_stock_employee(self, employee_id):
        """The ledger's cashier: the base's till actor (the client's employee_id is only a hint)."""
        return self._lp_till_actor(employee_id).id or False

    def _pos_stock_lines_from_value(self, value):
        """Rebuild {product_id: qty} from the canonical value a token is bound to."""
        requested = {}
        for item in value or []:
            if isinstance(item, (list, tuple)) and len(item) == 2:
                requested[int(item[0])] = int(item[1]) / 1000.0
        return requested

    def _lp_approval_event(self, action, outcome, info):
        result = super()._lp_approval_event(action, outcome, info)
        if action != ACTION:
            return result
        config = self.config_id
        requested = self._pos_stock_lines_from_value(info.get("value"))
        gated = self.env["pos.stock.gate"]._requested(
            config, [{"product_id": pid, "qty": qty} for pid, qty in requested.items()])
        shortfalls = self.env["pos.stock.gate"]._evaluate(config, gated, order_uuid=info.get("order_uuid"))
        extra = {
            "order_uuid": info.get("order_uuid") or False,
            "cashier_id": info["requested_by"].id or False,
            "approver_id": info["approver"].id or False,
            "reason": info.get("reason") or False,
            "message": info.get("message") or False,
        }
        if outcome == "approved":
            token = self.env["pos.approval.token"].sudo().search(
                [("token_hash", "=", self.env["pos.approval.token"]._hash(info.get("token")))], limit=1)
            extra["token_id"] = token.id or False
        self.env["pos.stock.override.log"]._pos_stock_log(
            self, "approved" if outcome == "approved" else "pin_failed", shortfalls, **extra)
        return result
