"""Server twin of the table transfer gate: a synced order that changed tables needs an approval
(or is on record as within the authority of the role that moved it)."""

from odoo import _, api, models


class PosOrder(models.Model):
    _inherit = "pos.order"

    @api.model
    def _process_order(self, order, existing_order):
        table_before = existing_order.table_id if existing_order else None
        order_id = super()._process_order(order, existing_order)
        if table_before:
            pos_order = self.browse(order_id)
            if pos_order.table_id != table_before and pos_order.lines:
                pos_order._lp_check_table_move(table_before)
        return order_id

    def _lp_check_table_move(self, table_before):
        """Flag (never refuse: the till keeps retrying a refused sync) a move without approval."""
        self.ensure_one()
        employee, role = self._lp_cashier()
        if role.restrict_table_transfer:
            refusal = _("the role %(role)s may not move orders between tables", role=role.name)
        elif role._lp_requires_approval("transfer"):
            refusal = self._lp_match_token(self._lp_tokens(), "transfer", None, "pos.order", self.id, once=True)
        else:
            # The role may move orders alone: on record all the same (issue 10), one row per move;
            # the log's create() calls _lp_notify(action, "within_authority", ...).
            self.env["pos.approval.log"].sudo().create([self._lp_log_vals(
                "transfer", "within_authority",
                _("Order moved from table %(old)s to table %(new)s, within the authority of the role %(role)s",
                  old=table_before.display_name, new=self.table_id.display_name, role=role.name),
                employee=employee, old_value=table_before.display_name, new_value=self.table_id.display_name)])
            return
        if refusal:
            self._lp_flag("transfer", _("Order moved from table %(old)s to table %(new)s: %(refusal)s",
                                        old=table_before.display_name, new=self.table_id.display_name,
                                        refusal=refusal),
                          employee=employee, old_value=table_before.display_name,
                          new_value=self.table_id.display_name)
