"""Units of one denomination in the machine at one reading: part of the reading's evidence."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class PosCashdroLevelLine(models.Model):
    """Units of one denomination in the machine at one reading (create-only: part of the evidence)."""

    _name = "pos.cashdro.level.line"
    _description = "CashDro Level per Denomination"
    _order = "reading_id desc, value desc"

    reading_id = fields.Many2one("pos.cashdro.level.reading", required=True, readonly=True, ondelete="restrict",
                                 index=True)
    payment_method_id = fields.Many2one(related="reading_id.payment_method_id", store=True)
    session_id = fields.Many2one(related="reading_id.session_id", store=True)
    kind = fields.Selection(related="reading_id.kind", store=True, string="Opening or Closing")
    currency_id = fields.Many2one(related="reading_id.currency_id")
    value = fields.Monetary("Denomination", readonly=True)
    piece_type = fields.Selection([("coin", "Coin"), ("bill", "Note")], readonly=True)
    units_recycler = fields.Integer("In Recycler", readonly=True)
    units_cassette = fields.Integer("In Cassette", readonly=True)
    amount = fields.Monetary(readonly=True)

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(_("A machine reading is evidence: it cannot be modified."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        raise UserError(_("A machine reading is evidence: it cannot be deleted."))
