"""What a row that belongs to a machine reading is: tied to it, read-only, never deleted (its evidence)."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class PosCashdroReadingPart(models.AbstractModel):
    """Shared by the reading's denomination lines and machine operations (create-only, like the reading)."""

    _name = "pos.cashdro.reading.part"
    _description = "Part of a CashDro Machine Reading"

    reading_id = fields.Many2one("pos.cashdro.level.reading", required=True, readonly=True, ondelete="restrict",
                                 index=True)
    payment_method_id = fields.Many2one(related="reading_id.payment_method_id", store=True)
    session_id = fields.Many2one(related="reading_id.session_id", store=True)
    currency_id = fields.Many2one(related="reading_id.currency_id")

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(_("A machine reading is evidence: it cannot be modified."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        raise UserError(_("A machine reading is evidence: it cannot be deleted."))
