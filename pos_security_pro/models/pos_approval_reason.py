from odoo import api, fields, models


class PosApprovalReason(models.Model):
    _name = "pos.approval.reason"
    _description = "POS Approval Reason"
    _order = "sequence, id"
    _inherit = ["pos.load.mixin"]

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    require_notes = fields.Boolean(help="The approver must type a note with this reason.")
    company_id = fields.Many2one("res.company", help="Leave empty to use the reason in every company.")

    @api.model
    def _load_pos_data_domain(self, data):
        return [("company_id", "in", [data["pos.config"]["data"][0]["company_id"], False])]

    @api.model
    def _load_pos_data_fields(self, config_id):
        return ["id", "name", "sequence", "require_notes"]
