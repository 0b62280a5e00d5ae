"""Session closing: the CashDro operations a register started but never saw imported."""

from odoo import _, models


class PosSession(models.Model):
    _inherit = "pos.session"

    def cashdro_unimported_operations(self):
        """Operation ids this session started (or finished) on a CashDro without an import event."""
        self.ensure_one()
        logs = self.env["pos.cashdro.operation.log"].sudo().search_read(
            [("session_id", "=", self.id), ("operation_id", "!=", False)], ["operation_id", "event"])
        started = {log["operation_id"] for log in logs if log["event"] in ("start", "finish")}
        imported = {log["operation_id"] for log in logs if log["event"] == "import"}
        return sorted(started - imported)

    def get_closing_control_data(self):
        data = super().get_closing_control_data()
        data["cashdro_unimported"] = self.cashdro_unimported_operations()
        return data

    def _lp_reconciliation_findings(self):
        """The base's extension point: payments the server flagged, operations never imported."""
        findings = super()._lp_reconciliation_findings()
        for payment in self.env["pos.payment"].sudo().search(
                [("session_id", "in", self.ids), ("cashdro_server_check", "!=", False)]):
            findings.append({
                "session_id": payment.session_id.id, "key": f"cashdro-payment:{payment.id}",
                "payment_method_id": payment.payment_method_id.id, "amount": payment.amount, "severity": "high",
                # Change the machine could not give is paid by the cashier from the drawer: the drawer is short.
                "cash_difference": -payment.cashdro_change_not_available,
                "explanation": _("CashDro payment of %(amount)s in order %(order)s does not match the machine: "
                                 "%(reason)s", amount=payment.amount, order=payment.pos_order_id.name,
                                 reason=payment.cashdro_server_check),
                "suggested_fix": _("Compare the order with the machine's operation list (CashDro Operations); book "
                                   "the real amount or recover the cash."),
            })
        logs = self.env["pos.cashdro.operation.log"].sudo().search_read(
            [("session_id", "in", self.ids), ("operation_id", "!=", False)],
            ["session_id", "operation_id", "event", "payment_method_id", "amount_kept"])
        imported = {(log["session_id"][0], log["operation_id"]) for log in logs if log["event"] == "import"}
        for log in logs:
            key = (log["session_id"][0], log["operation_id"])
            if log["event"] in ("start", "finish") and key not in imported:
                imported.add(key)  # one finding per operation
                findings.append({
                    "session_id": key[0], "key": f"cashdro-operation:{key[1]}",
                    "payment_method_id": log["payment_method_id"] and log["payment_method_id"][0],
                    "amount": log["amount_kept"], "severity": "medium",
                    "explanation": _("CashDro operation %(operation)s was never imported: the machine may hold "
                                     "cash that no order booked.", operation=key[1]),
                    "suggested_fix": _("Look the operation up on the machine's screen and book it (or cancel it) "
                                       "in Odoo."),
                })
        return findings
