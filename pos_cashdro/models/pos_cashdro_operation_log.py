"""Evidence of every CashDro protocol event reported by a register (create-only, hash-chained)."""

import json

from odoo import api, fields, models

EVENTS = [
    ("start", "Started"),
    ("cancel", "Cancel Requested"),
    ("finish", "Finished"),
    ("import", "Imported"),
    ("resume", "Resumed After Reload"),
    ("error", "Error"),
    ("flag", "Flagged by Server"),
    ("level_gap", "Level Changed between Sessions"),
    ("cash_move", "Cash Move Booked"),
]
# Written by the server alone, never reported by a register.
SERVER_EVENTS = ("flag", "level_gap", "cash_move")
# Operation types a register runs: sale and payout (payments), load and withdrawal (cash in / out).
REGISTER_TYPES = [("4", "Sale"), ("3", "Payout"), ("1", "Load"), ("2", "Withdrawal")]


class PosCashdroOperationLog(models.Model):
    _name = "pos.cashdro.operation.log"
    _inherit = ["pos.evidence.mixin"]
    _description = "CashDro Operation Log"
    _evidence_hashed_fields = (
        "create_date", "create_uid", "company_id", "payment_method_id", "session_id", "event",
        "operation_id", "payment_uuid", "order_uuid", "operation_type", "amount_requested", "amount_inserted",
        "amount_returned", "amount_kept", "amount_change_not_available", "terminal_state", "error_code",
        "message", "raw_response", "client_timestamp",
    )

    payment_method_id = fields.Many2one("pos.payment.method", "CashDro", readonly=True, ondelete="restrict",
                                        index=True)
    session_id = fields.Many2one("pos.session", readonly=True, ondelete="restrict", index=True)
    config_id = fields.Many2one(related="session_id.config_id", store=True, string="Point of Sale")
    currency_id = fields.Many2one(related="session_id.currency_id", string="Currency")
    event = fields.Selection(EVENTS, readonly=True, required=True, index=True)
    operation_id = fields.Char("Operation Id", readonly=True, index=True)
    operation_type = fields.Selection(REGISTER_TYPES, readonly=True)
    payment_uuid = fields.Char("Payment UUID", readonly=True, index=True, help="Sent to the machine as aliasid.")
    order_uuid = fields.Char("Order UUID", readonly=True)
    amount_requested = fields.Monetary(readonly=True)
    amount_inserted = fields.Monetary(readonly=True)
    amount_returned = fields.Monetary(readonly=True)
    amount_kept = fields.Monetary(readonly=True)
    amount_change_not_available = fields.Monetary("Change Not Available", readonly=True)
    terminal_state = fields.Char(readonly=True)
    error_code = fields.Integer(readonly=True)
    message = fields.Char(readonly=True)
    raw_response = fields.Text("Raw Terminal Response", readonly=True)
    client_timestamp = fields.Float("Client Time (ms)", readonly=True, digits=(16, 0),
                                    help="When the register recorded the event (browser clock, ms since epoch).")

    @api.model
    def _vals_from_pos(self, method, session, event, values):
        def money(key):
            try:
                return float(values.get(key) or 0.0)
            except (TypeError, ValueError):
                return 0.0

        raw = values.get("raw")
        if raw is not None and not isinstance(raw, str):
            raw = json.dumps(raw, sort_keys=True)
        operation_type = str(values.get("operation_type") or "")
        return {
            "company_id": session.company_id.id,
            "payment_method_id": method.id,
            "session_id": session.id,
            "event": event,
            "operation_id": str(values.get("operation_id") or "")[:32] or False,
            "operation_type": operation_type if operation_type in dict(REGISTER_TYPES) else False,
            "payment_uuid": str(values.get("payment_uuid") or "")[:64] or False,
            "order_uuid": str(values.get("order_uuid") or "")[:64] or False,
            "amount_requested": money("amount_requested"),
            "amount_inserted": money("amount_inserted"),
            "amount_returned": money("amount_returned"),
            "amount_kept": money("amount_kept"),
            "amount_change_not_available": money("amount_change_not_available"),
            "terminal_state": str(values.get("state") or "")[:8] or False,
            "error_code": int(values.get("error_code") or 0),
            "message": str(values.get("message") or "")[:500] or False,
            "raw_response": (raw or "")[:20000] or False,
            "client_timestamp": money("client_timestamp"),
        }
