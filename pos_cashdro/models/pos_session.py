"""Session closing: the CashDro operations a register started but never saw imported."""

from odoo import models


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
