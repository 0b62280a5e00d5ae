"""One operation the machine listed between a session's opening and closing: part of the reading's evidence."""

from odoo import _, fields, models

# Operation types as the machine lists them [DOC §5, §6.6].
OPERATION_TYPES = [
    ("1", "Load"), ("2", "Withdrawal"), ("3", "Payout"), ("4", "Sale"), ("8", "Transfer to Cassette"),
    ("10", "Bill Cassette Removed"), ("11", "Coin Cassette Removed"), ("16", "Deposit"),
    ("17", "Deposit by Amount"), ("18", "Change"), ("0", "Other"),
]


class PosCashdroMachineOperation(models.Model):
    """One operation the machine listed (askMovements) between opening and closing, whoever made it."""

    _name = "pos.cashdro.machine.operation"
    _inherit = ["pos.cashdro.reading.part"]
    _description = "CashDro Machine Operation"
    _order = "moment, id"

    operation_ref = fields.Char("Machine Operation", readonly=True, index=True)
    operation_type = fields.Selection(OPERATION_TYPES, "Type", readonly=True)
    amount = fields.Monetary(readonly=True, help="Net cash the operation added to the machine (negative: taken out).")
    moment = fields.Datetime("Time", readonly=True)
    posid = fields.Char("POS Id", readonly=True)
    machine_user = fields.Char("User at the Machine", readonly=True)
    by_odoo = fields.Boolean("Started by Odoo", readonly=True,
                             help="A register of this session started it (its start or finish is in the CashDro log).")

    def _evidence_line(self):
        self.ensure_one()
        types = dict(self._fields["operation_type"]._description_selection(self.env))
        return _("machine operation %(ref)s: %(type)s (type %(code)s) %(amount)s at %(time)s by %(user)s",
                 ref=self.operation_ref, type=types.get(self.operation_type, ""), code=self.operation_type,
                 amount=self.currency_id.format(self.amount) if self.currency_id else self.amount,
                 time=fields.Datetime.to_string(self.moment) if self.moment else "?",
                 user=self.machine_user or _("the machine's screen"))
