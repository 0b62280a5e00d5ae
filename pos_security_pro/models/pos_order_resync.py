"""Server twin of the line gates for orders the till syncs more than once (restaurant tables,
shared orders): what a later sync takes away from lines the server already holds.

A line deleted or decreased before the order's first sync never reaches the server (the till's
dialog is the gate there). Once a line is on the server, a re-sync that removes it or lowers its
quantity must carry an approval: "split_bill" for the whole re-sync (the split moves lines to a new
order), else "delete_line" / "reduce_qty" per line. Without one, the order is accepted and the
removal is flagged (a draft is never refused: the till would keep retrying it).
"""

from odoo import _, api, models
from odoo.tools import float_compare

REMOVAL_ACTIONS = ("split_bill", "delete_line", "reduce_qty")


class PosOrder(models.Model):
    _inherit = "pos.order"

    @api.model
    def _process_order(self, order, existing_order):
        before = existing_order._lp_line_quantities() if existing_order else None
        order_id = super()._process_order(order, existing_order)
        if before:
            self.browse(order_id)._lp_check_removed_lines(before)
        return order_id

    def _lp_line_quantities(self):
        """{line id: (product, qty)} of the lines the server holds (combo children excluded)."""
        return {line.id: (line.product_id, line.qty)
                for line in self.lines.filtered(lambda line: not line.combo_parent_id)}

    def _lp_removed_lines(self, before):
        """[(line id, product, old qty, new qty)] for every line removed or decreased since ``before``."""
        precision = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        now = {line.id: line.qty for line in self.lines}
        removed = []
        for line_id, (product, old_qty) in before.items():
            new_qty = now.get(line_id, 0.0)
            if old_qty > 0 and float_compare(new_qty, old_qty, precision_digits=precision) < 0:
                removed.append((line_id, product, old_qty, max(new_qty, 0.0)))
        return removed

    def _lp_check_removed_lines(self, before):
        self.ensure_one()
        removed = self._lp_removed_lines(before)
        if not removed:
            return
        employee, role = self._lp_cashier()
        if not any(role._lp_requires_approval(action) for action in REMOVAL_ACTIONS):
            return
        tokens = self._lp_tokens()
        if role._lp_requires_approval("split_bill") and tokens \
                and not self._lp_consume_fresh(tokens, "split_bill", None, "pos.order", self.id):
            return  # one split approval covers every line the split moved
        for line_id, product, old_qty, new_qty in removed:
            action = "reduce_qty" if new_qty else "delete_line"
            if not role._lp_requires_approval(action):
                continue
            refusal = self._lp_consume_fresh(tokens, action, old_qty - new_qty, "pos.order.line", line_id)
            if refusal:
                self._lp_flag(action, _("%(product)s removed from a synced order: %(refusal)s",
                                        product=product.display_name, refusal=refusal),
                              employee=employee, product=product, old_value="%g" % old_qty, new_value="%g" % new_qty)

    def _lp_consume_fresh(self, tokens, action, value, res_model, res_id):
        """Like _lp_match_token, but an already used token never counts: each removal is a new
        event (a later re-sync that removes more must bring a new approval)."""
        Token = self.env["pos.approval.token"].sudo()
        reason = _("no approval token")
        for token in tokens:
            record = Token.search([("token_hash", "=", Token._hash(token))], limit=1)
            if record and record.action != action:
                continue  # another gate's approval: not a refusal of this one
            consumed, refusal = Token._lp_consume(token, self.session_id, action, value=value, order_uuid=self.uuid,
                                                  res_model=res_model, res_id=res_id)
            if consumed:
                return ""
            reason = refusal
        return reason
