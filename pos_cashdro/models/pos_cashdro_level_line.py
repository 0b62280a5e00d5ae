"""Units of one denomination in the machine at one reading: part of the reading's evidence."""

from odoo import fields, models


class PosCashdroLevelLine(models.Model):
    """Units of one denomination in the machine at one reading (create-only: part of the evidence)."""

    _name = "pos.cashdro.level.line"
    _inherit = ["pos.cashdro.reading.part"]
    _description = "CashDro Level per Denomination"
    _order = "reading_id desc, value desc"

    kind = fields.Selection(related="reading_id.kind", store=True, string="Opening or Closing")
    value = fields.Monetary("Denomination", readonly=True)
    piece_type = fields.Selection([("coin", "Coin"), ("bill", "Note")], readonly=True)
    units_recycler = fields.Integer("In Recycler", readonly=True)
    units_cassette = fields.Integer("In Cassette", readonly=True)
    amount = fields.Monetary(readonly=True)
