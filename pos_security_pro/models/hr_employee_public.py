from odoo import fields, models


class HrEmployeePublic(models.Model):
    """POS users read employees through hr.employee.public: the role fields must exist here too."""

    _inherit = "hr.employee.public"

    pos_security_role_id = fields.Many2one("pos.security.role", "POS Security Role", readonly=True)
    pos_can_approve = fields.Boolean("Can Approve POS Actions", readonly=True)
    pos_max_discount = fields.Float("POS Discount Cap Override (%)", readonly=True)
