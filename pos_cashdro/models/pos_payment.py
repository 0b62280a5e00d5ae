"""What the CashDro really did for each payment line, stored with the order."""

from odoo import api, fields, models


class PosPayment(models.Model):
    _inherit = "pos.payment"

    # Filled by the register from the machine's own counters at state F (never from the button pressed).
    cashdro_operation_id = fields.Char("CashDro Operation", readonly=True, index="btree_not_null", copy=False)
    cashdro_terminal = fields.Char("CashDro Terminal", readonly=True, copy=False)
    cashdro_amount_requested = fields.Monetary("CashDro Requested", readonly=True, copy=False)
    cashdro_amount_inserted = fields.Monetary("CashDro Inserted", readonly=True, copy=False)
    cashdro_amount_returned = fields.Monetary("CashDro Returned", readonly=True, copy=False)
    cashdro_amount_kept = fields.Monetary("CashDro Kept", readonly=True, copy=False)
    cashdro_change_not_available = fields.Monetary("CashDro Change Not Given", readonly=True, copy=False)
    cashdro_difference = fields.Monetary(
        "CashDro Difference", readonly=True, copy=False,
        help="Kept minus requested: machine rounding in the customer's favour, change the machine could not give.")
    cashdro_denominations = fields.Text("CashDro Denominations", readonly=True, copy=False,
                                        help="JSON {in: {value: count}, out: {value: count}} in minor units.")
    cashdro_state = fields.Char("CashDro Final State", readonly=True, copy=False)
    cashdro_canceled = fields.Boolean("CashDro Cancelled", readonly=True, copy=False)
    cashdro_imported = fields.Boolean("CashDro Imported", readonly=True, copy=False,
                                      help="setOperationImported was acknowledged by the machine.")
    cashdro_flagged = fields.Boolean("CashDro Difference Flag", readonly=True, copy=False)
    cashdro_server_check = fields.Char(
        "CashDro Server Check", readonly=True, copy=False,
        help="Why the server flagged this payment when the order arrived (empty: consistent).")

    @api.model_create_multi
    def create(self, vals_list):
        payments = super().create(vals_list)
        payments._cashdro_check_against_machine()
        return payments

    def _cashdro_check_against_machine(self):
        """Server twin of the register's booking: a CashDro payment must match a finished operation.

        Paid orders are never refused: a payment that does not match what the register reported
        from the machine is accepted, flagged, and an evidence row is written.
        """
        cashdro = self.filtered(lambda p: p.payment_method_id.use_payment_terminal == "cashdro"
                                and not p.is_change and p.amount)
        if not cashdro:
            return
        log_model = self.env["pos.cashdro.operation.log"].sudo()
        for payment in cashdro:
            reason = payment._cashdro_mismatch(log_model)
            if not reason:
                continue
            payment.sudo().write({"cashdro_flagged": True, "cashdro_server_check": reason})
            session = payment.session_id or payment.pos_order_id.session_id
            log_model.create({
                "company_id": session.company_id.id,
                "payment_method_id": payment.payment_method_id.id,
                "session_id": session.id,
                "event": "flag",
                "operation_id": payment.cashdro_operation_id or False,
                "payment_uuid": payment.uuid,
                "order_uuid": payment.pos_order_id.uuid,
                "amount_requested": payment.amount,
                "amount_kept": payment.cashdro_amount_kept,
                "message": reason,
            })

    def _cashdro_mismatch(self, log_model):
        self.ensure_one()
        currency = self.currency_id or self.company_id.currency_id
        if not self.cashdro_operation_id or self.cashdro_state != "F":
            return self.env._("CashDro payment without a finished machine operation")
        if currency.compare_amounts(self.amount, self.cashdro_amount_kept):
            return self.env._("payment amount %(amount)s differs from what the machine kept (%(kept)s)",
                              amount=self.amount, kept=self.cashdro_amount_kept)
        finish = log_model.search([
            ("operation_id", "=", self.cashdro_operation_id), ("event", "=", "finish"),
            ("payment_method_id", "=", self.payment_method_id.id),
        ], limit=1)
        if finish and currency.compare_amounts(finish.amount_kept, self.amount):
            return self.env._("payment amount %(amount)s differs from the machine's report (%(kept)s)",
                              amount=self.amount, kept=finish.amount_kept)
        return ""
