"""What the CashDro really did for each payment line, stored with the order."""

from odoo import fields, models


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
