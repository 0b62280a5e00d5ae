"""What the CashDro really did for each payment line, stored with the order."""

from odoo import api, fields, models
from odoo.exceptions import AccessError

# Written by the server's check only.
CASHDRO_SERVER_FIELDS = {"cashdro_flagged", "cashdro_server_check"}
# What the register read from the machine at state F, plus the server's verdict.
CASHDRO_AUDIT_FIELDS = CASHDRO_SERVER_FIELDS | {
    "cashdro_operation_id", "cashdro_terminal", "cashdro_amount_requested", "cashdro_amount_inserted",
    "cashdro_amount_returned", "cashdro_amount_kept", "cashdro_change_not_available", "cashdro_difference",
    "cashdro_denominations", "cashdro_state", "cashdro_canceled", "cashdro_imported",
}


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
        for vals in vals_list:
            # The server's verdict, never the till's: whatever the order JSON says is dropped.
            for field in CASHDRO_SERVER_FIELDS:
                vals.pop(field, None)
        payments = super().create(vals_list)
        payments._cashdro_check_against_machine()
        return payments

    def write(self, vals):
        """What the machine did and the server's verdict are evidence: nobody's RPC changes them.

        A re-synced order resends its payment lines as they are: unchanged values are let through.
        """
        audit = CASHDRO_AUDIT_FIELDS.intersection(vals)
        if audit and not self.env.su:
            changed = sorted(field for field in audit for payment in self
                             if not payment._cashdro_same_value(field, vals[field]))
            if changed:
                raise AccessError(self.env._(
                    "What the CashDro did for a payment is evidence and cannot be changed (%(fields)s).",
                    fields=", ".join(changed)))
        return super().write(vals)

    def _cashdro_same_value(self, field, value):
        current = self[field]
        if self._fields[field].type == "monetary":
            currency = self.currency_id or self.company_id.currency_id
            try:
                return not currency.compare_amounts(current or 0.0, float(value or 0.0))
            except (TypeError, ValueError):
                return False
        return (current or False) == (value or False)

    def _cashdro_check_against_machine(self):
        """Server twin of the register's booking: a CashDro payment must match a finished operation
        that the register of its own session reported (start and finish), and back no other payment.

        Paid orders are never refused: a payment that does not match is accepted, flagged, and an
        evidence row is written.
        """
        cashdro = self.filtered(lambda p: p.payment_method_id.use_payment_terminal == "cashdro"
                                and not p.is_change and p.amount)
        if not cashdro:
            return
        log_model = self.env["pos.cashdro.operation.log"].sudo()
        for payment in cashdro:
            reason = payment._cashdro_mismatch(log_model)
            if not reason:
                note = payment._cashdro_machine_difference(log_model)
                if note:
                    payment.sudo().write({"cashdro_flagged": True, "cashdro_server_check": note})
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

    def _cashdro_reports(self, log_model):
        """This operation's start and finish events, as the registers reported them (any session)."""
        return log_model.search([
            ("operation_id", "=", self.cashdro_operation_id), ("event", "in", ("start", "finish")),
            ("payment_method_id", "=", self.payment_method_id.id),
        ], order="id")

    def _cashdro_mismatch(self, log_model):
        self.ensure_one()
        _ = self.env._
        currency = self.currency_id or self.company_id.currency_id
        operation = self.cashdro_operation_id
        if not operation or self.cashdro_state != "F":
            return _("CashDro payment without a finished machine operation")
        if currency.compare_amounts(self.amount, self.cashdro_amount_kept):
            return _("payment amount %(amount)s differs from what the machine kept (%(kept)s)",
                     amount=self.amount, kept=self.cashdro_amount_kept)
        reports = self._cashdro_reports(log_model)
        if not reports:
            return _("operation %(op)s was never reported by a register (no start, no finish)", op=operation)
        session = self.session_id or self.pos_order_id.session_id
        own = reports.filtered(lambda log: log.session_id == session)
        if not own:
            return _("operation %(op)s was reported by another session (%(session)s)",
                     op=operation, session=reports[-1].session_id.name)
        finish = own.filtered(lambda log: log.event == "finish")[-1:]
        if finish and currency.compare_amounts(finish.amount_kept, self.amount):
            return _("payment amount %(amount)s differs from the machine's report (%(kept)s)",
                     amount=self.amount, kept=finish.amount_kept)
        if not finish or not own.filtered(lambda log: log.event == "start"):
            return _("operation %(op)s lacks the register's %(event)s report", op=operation,
                     event=_("finish") if not finish else _("start"))
        if finish.payment_uuid and self.uuid and finish.payment_uuid != self.uuid:
            return _("operation %(op)s was reported for another payment line", op=operation)
        # One operation backs one payment: serialise the check per operation (two tills syncing
        # at once), then look for another payment already bound to it.
        self.env.cr.execute("SELECT pg_advisory_xact_lock(hashtext(%s))",
                            [f"pos_cashdro:{self.payment_method_id.id}:{operation}"])
        twin = self.sudo().search([
            ("id", "!=", self.id), ("cashdro_operation_id", "=", operation),
            ("payment_method_id", "=", self.payment_method_id.id), ("is_change", "=", False),
        ], limit=1)
        if twin:
            return _("operation %(op)s already backs a payment of order %(order)s",
                     op=operation, order=twin.pos_order_id.name)
        return ""

    def _cashdro_machine_difference(self, log_model):
        """Consistent, but the machine kept something else than asked (rounding, change not given)."""
        self.ensure_one()
        currency = self.currency_id or self.company_id.currency_id
        finish = self._cashdro_reports(log_model).filtered(lambda log: log.event == "finish")[-1:]
        if not finish:
            return ""
        if not currency.is_zero(finish.amount_change_not_available):
            return self.env._("the machine could not give %(amount)s of change",
                              amount=finish.amount_change_not_available)
        if not currency.is_zero(self.cashdro_difference):
            return self.env._("the machine kept %(kept)s for %(requested)s requested (rounding)",
                              kept=self.amount, requested=self.cashdro_amount_requested)
        return ""
