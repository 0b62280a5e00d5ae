"""What a CashDro held when the server read it (opening, closing), and what it did in between.

A reading is evidence: created by the server from the machine's own answers (``getPiecesCurrency``
with levels, ``askMovements``), never typed, never edited. Its denominations and the machine's
operations are kept as lines for the views, and sealed in the reading's hash through the raw
answers they were made from.
"""

from odoo import api, fields, models

KINDS = [("opening", "Opening"), ("closing", "Closing")]
STATES = [("read", "Machine Read"), ("not_read", "Machine Not Read")]


class PosCashdroLevelReading(models.Model):
    _name = "pos.cashdro.level.reading"
    _inherit = ["pos.evidence.mixin"]
    _description = "CashDro Machine Level Reading"
    _order = "id desc"
    _rec_name = "display_label"
    _evidence_hashed_fields = (
        "create_date", "create_uid", "company_id", "payment_method_id", "session_id", "kind", "state", "total",
        "previous_total", "expected", "message", "raw_levels", "raw_movements", "machine_calls",
    )

    payment_method_id = fields.Many2one("pos.payment.method", "CashDro", required=True, readonly=True,
                                        ondelete="restrict", index=True)
    session_id = fields.Many2one("pos.session", required=True, readonly=True, ondelete="restrict", index=True)
    config_id = fields.Many2one(related="session_id.config_id", store=True, string="Point of Sale")
    currency_id = fields.Many2one(related="session_id.currency_id", string="Currency")
    kind = fields.Selection(KINDS, required=True, readonly=True, index=True)
    state = fields.Selection(STATES, required=True, readonly=True)
    total = fields.Monetary("Machine Level", readonly=True,
                            help="Cash in the machine: every note and coin in its recyclers and cassettes.")
    previous_total = fields.Monetary(
        "Previous Closing Level", readonly=True,
        help="Opening: the level read when the previous session of this register closed.")
    expected = fields.Monetary(
        readonly=True, help="Closing: opening level + sales kept - payouts + cash moves booked in Odoo, "
                            "as the server computed it when the machine was read.")
    difference = fields.Monetary(compute="_compute_difference", store=True,
                                 help="Closing: machine level minus expected. Opening: level minus the "
                                      "previous closing level (cash that moved between sessions).")
    message = fields.Char(readonly=True, help="Why the machine could not be read.")
    machine_calls = fields.Integer(readonly=True, help="Requests the server sent to the machine for this reading.")
    raw_levels = fields.Text("Machine Answer (levels)", readonly=True)
    raw_movements = fields.Text("Machine Answer (operations)", readonly=True)
    line_ids = fields.One2many("pos.cashdro.level.line", "reading_id", "Denominations", readonly=True)
    operation_ids = fields.One2many("pos.cashdro.machine.operation", "reading_id", "Machine Operations",
                                    readonly=True)
    foreign_operation_count = fields.Integer(
        "Operations Odoo Did Not Start", compute="_compute_foreign_operation_count", store=True)
    display_label = fields.Char(compute="_compute_display_label")

    @api.depends("kind", "total", "expected", "previous_total", "state")
    def _compute_difference(self):
        for reading in self:
            if reading.state != "read":
                reading.difference = 0.0
            elif reading.kind == "closing":
                reading.difference = reading.currency_id.round(reading.total - reading.expected)
            else:
                reading.difference = reading.currency_id.round(reading.total - reading.previous_total)

    @api.depends("operation_ids.by_odoo")
    def _compute_foreign_operation_count(self):
        for reading in self:
            reading.foreign_operation_count = len(reading.operation_ids.filtered(lambda op: not op.by_odoo))

    @api.depends("kind", "session_id", "payment_method_id")
    def _compute_display_label(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for reading in self:
            reading.display_label = f"{reading.payment_method_id.name} - {reading.session_id.name} - " \
                                    f"{kinds.get(reading.kind, '')}"

    def _foreign_operations_text(self):
        """One line per machine operation Odoo did not start: the evidence a manager approves."""
        self.ensure_one()
        return "\n".join(op._evidence_line() for op in self.operation_ids.filtered(lambda op: not op.by_odoo))

