"""POS security roles: what an employee may do alone, what needs a supervisor, what is hidden."""

from odoo import api, fields, models

# Gated actions: (action key used by approval tokens, role field that requires an approval for it).
APPROVAL_FIELDS = {
    "delete_line": "require_approval_delete_line",
    "reduce_qty": "require_approval_reduce_qty",
    "cancel_order": "require_approval_cancel_order",
    "refund": "require_approval_refund",
    "split_bill": "require_approval_split_bill",
    "transfer": "require_approval_transfer",
    "discount": "require_approval_discount",
    "price": "require_approval_price",
    "cash_in": "require_approval_cash_in",
    "cash_out": "require_approval_cash_out",
}
RESTRICTION_FIELDS = (
    "hide_numpad_qty", "hide_numpad_discount", "hide_numpad_price", "hide_numpad_sign", "hide_numpad_backspace",
    "hide_customer_button", "hide_refund_button", "hide_payment_button",
    "hide_orders_menu", "hide_close_register", "hide_cash_move", "hide_backend_menu",
    "restrict_table_transfer", "restrict_floor_edit",
)
# What the order-sync rules read from a role.
RULE_FIELDS = ("name", "max_discount", "can_approve", "approval_max_discount", *APPROVAL_FIELDS.values(),
               *RESTRICTION_FIELDS)


class PosSecurityRole(models.Model):
    _name = "pos.security.role"
    _description = "POS Security Role"
    _order = "sequence, id"
    _inherit = ["pos.load.mixin"]

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="Lower comes first; roles are listed from least to most authority.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the role between companies (it then survives transfers).")
    description = fields.Text(translate=True)
    max_discount = fields.Float(
        "Own Discount Cap (%)", default=0.0,
        help="Discount the employee may give without an approval.")
    can_approve = fields.Boolean("Approval Authority", help="May approve other employees' gated actions.")
    approval_max_discount = fields.Float(
        "Approves Discounts Up To (%)", default=0.0, help="Highest discount this role may approve.")
    approvable_role_ids = fields.Many2many(
        "pos.security.role", "pos_security_role_approvable_rel", "approver_role_id", "requester_role_id",
        string="Approves Requests From",
        help="Roles whose requests this role may approve. Empty: every role. The Shift Supervisor ships "
             "limited to the front-line roles (no cross-role approvals between supervisors).")
    # Approval requirements
    require_approval_delete_line = fields.Boolean("Delete Line")
    require_approval_reduce_qty = fields.Boolean("Reduce Quantity")
    require_approval_cancel_order = fields.Boolean("Cancel Order")
    require_approval_refund = fields.Boolean("Refund")
    require_approval_split_bill = fields.Boolean("Split Bill")
    require_approval_transfer = fields.Boolean("Transfer / Merge")
    require_approval_discount = fields.Boolean("Discount Beyond Cap")
    require_approval_price = fields.Boolean("Price Change")
    require_approval_cash_in = fields.Boolean("Cash In")
    require_approval_cash_out = fields.Boolean("Cash Out")
    # Button restrictions
    hide_numpad_qty = fields.Boolean("Hide Qty Key")
    hide_numpad_discount = fields.Boolean("Hide % Disc Key")
    hide_numpad_price = fields.Boolean("Hide Price Key")
    hide_numpad_sign = fields.Boolean("Hide +/- Key")
    hide_numpad_backspace = fields.Boolean("Hide Backspace Key")
    hide_customer_button = fields.Boolean()
    hide_refund_button = fields.Boolean()
    hide_payment_button = fields.Boolean("No Payment", help="The employee may enter orders but not take payment.")
    # Menu restrictions
    hide_orders_menu = fields.Boolean()
    hide_close_register = fields.Boolean()
    hide_cash_move = fields.Boolean("Hide Cash In/Out")
    hide_backend_menu = fields.Boolean()
    # Table restrictions (restaurant)
    restrict_table_transfer = fields.Boolean("No Table Transfer / Merge")
    restrict_floor_edit = fields.Boolean("No Floor Plan Edit")
    employee_ids = fields.One2many("hr.employee", "pos_security_role_id", string="Assigned Employees")
    employee_count = fields.Integer(compute="_compute_employee_count")

    @api.depends("employee_ids")
    def _compute_employee_count(self):
        for role in self:
            role.employee_count = len(role.employee_ids)

    def _lp_approves_requests_of(self, requester_role):
        """False when this role is limited to some roles and ``requester_role`` is not one of them."""
        self.ensure_one()
        return not self.approvable_role_ids or requester_role in self.approvable_role_ids

    def _lp_exceeds(self, other):
        """True when this role may do something ``other`` may not (a higher own discount cap,
        approval authority, an action without approval, a key, button or menu not hidden)."""
        self.ensure_one()
        if not other or self == other:
            return False
        if self.max_discount > other.max_discount + 1e-6 or (self.can_approve and not other.can_approve):
            return True
        return any(other[field] and not self[field] for field in (*APPROVAL_FIELDS.values(), *RESTRICTION_FIELDS))

    def _lp_requires_approval(self, action):
        """True when this role needs an approval for ``action`` (unknown actions: never)."""
        self.ensure_one()
        field = APPROVAL_FIELDS.get(action)
        return bool(field and self[field])

    @api.model
    def _lp_shipped(self, name):
        """A shipped role (``role_manager``...) with what the rules read, in one query: env.ref()
        would spend a query checking that it exists and the rules another reading its fields
        (order sync hot path). Empty when it was deleted."""
        res_id = self.env["ir.model.data"]._xmlid_to_res_id("pos_security_pro.%s" % name, raise_if_not_found=False)
        Role = self.sudo().with_context(active_test=False)
        return Role.search_fetch([("id", "=", res_id)], RULE_FIELDS) if res_id else Role.browse()

    @api.model
    def _lp_none(self):
        """The shipped "No Restrictions (vanilla rights)" role (employees without a role, by default)."""
        return self._lp_shipped("role_none")

    @api.model
    def _lp_strictest(self):
        """The role applied when the till cannot tell who is working: the shipped Cashier role."""
        return self._lp_shipped("role_cashier") or self.sudo().search([], order="sequence, id", limit=1)

    # ------------------------------------------------------------------ POS loading
    @api.model
    def _load_pos_data_domain(self, data):
        return [("company_id", "in", [data["pos.config"]["data"][0]["company_id"], False])]

    @api.model
    def _load_pos_data_fields(self, config_id):
        return ["id", "name", "sequence", "max_discount", "can_approve", *APPROVAL_FIELDS.values(), *RESTRICTION_FIELDS]
