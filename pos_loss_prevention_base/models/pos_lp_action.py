"""The suite's sensitive actions, one record each, declared by the addon that gates them.

Each addon ships its own actions in data (``data/pos_lp_action_data.xml``, code = the action name
its approval RPC and evidence use), so a sibling can offer "alert on" or report choices over every
action of the installed addons without spelling another addon's action names.
"""

from odoo import fields, models


class PosLpAction(models.Model):
    _name = "pos.lp.action"
    _description = "POS Sensitive Action"
    _order = "sequence, id"

    code = fields.Char(required=True, readonly=True, help="The action name the approvals and the evidence use.")
    name = fields.Char("Action", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    reason_required = fields.Boolean(
        help="The server refuses an approval of this action without a reason (the dialog asks for one too).")

    _sql_constraints = [("code_unique", "unique(code)", "Each sensitive action is declared once.")]
