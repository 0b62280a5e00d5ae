"""The registry of the suite's sensitive actions.

Each addon declares the actions it gates once, by extending ``_lp_declare_actions`` (what the
value means, token lifetime, who decides, evidence model, whether a reason is required, whether
owner alerts offer it by default). Each action also has one record (``data/pos_lp_action_data.xml``
of the declaring addon: code and translatable label), so that siblings offer choices over every
installed action (pos_security_pro's *Alert on Actions*) without spelling another addon's action
names. Python reads the registry through the records' computed fields or ``_lp_spec(code)``; the
POS loads the same records with its data (``_load_pos_data_*``, no extra RPC).
"""

from odoo import api, fields, models, tools

VALUE_MEANINGS = [
    ("none", "No Value"),
    ("amount", "Amount"),
    ("percent", "Percentage"),
    ("quantity", "Quantity"),
    ("lines", "Products and Quantities"),
]
DECIDERS = [
    ("roles", "Approval Rules (roles)"),
    ("own", "The Addon's Own Rule"),
]
# What an action that declares nothing gets.
DEFAULT_SPEC = {
    "value": "none", "ttl": 300, "order_ttl": 0, "decider": "own", "evidence_model": "",
    "reason_required": False, "alert_default": False,
}


class PosLpAction(models.Model):
    _name = "pos.lp.action"
    _description = "POS Sensitive Action"
    _order = "sequence, id"
    _inherit = ["pos.load.mixin"]

    code = fields.Char(required=True, readonly=True, help="The action name the approvals and the evidence use.")
    name = fields.Char("Action", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    # The declaration (``_lp_declare_actions``), read like fields by Python and the POS alike.
    value_meaning = fields.Selection(VALUE_MEANINGS, compute="_compute_declaration")
    token_ttl = fields.Integer("Token Lifetime (seconds)", compute="_compute_declaration")
    order_token_ttl = fields.Integer(
        "Order-Bound Token Lifetime (seconds)", compute="_compute_declaration",
        help="Lifetime of a token bound to an order (consumed when the order syncs, maybe hours later).")
    decider = fields.Selection(DECIDERS, "Decided By", compute="_compute_declaration")
    evidence_model = fields.Char(compute="_compute_declaration")
    reason_required = fields.Boolean(
        compute="_compute_declaration",
        help="The server refuses an approval of this action without a reason (the dialog asks for one too).")
    alert_default = fields.Boolean(
        "Alerts by Default", compute="_compute_declaration",
        help="Owner alerts offer this action ticked on a new point of sale.")

    _sql_constraints = [("code_unique", "unique(code)", "Each sensitive action is declared once.")]

    # ------------------------------------------------------------------ the declaration
    @api.model
    def _lp_declare_actions(self):
        """Extend (``return super()._lp_declare_actions() + [...]``): one dict per action this
        addon gates: ``code`` (required), ``value`` (one of VALUE_MEANINGS), ``ttl`` (token
        lifetime, seconds), ``order_ttl`` (lifetime when bound to an order, 0: ``ttl``),
        ``decider`` ("roles": the approval rules decide, pos_security_pro's roles when installed;
        "own": the addon's own rule), ``evidence_model``, ``reason_required``, ``alert_default``.
        The label is the action's record (data file, translatable)."""
        return []

    @api.model
    @tools.ormcache()
    def _lp_declarations(self):
        specs = {}
        for declaration in self._lp_declare_actions():
            specs[declaration["code"]] = {**DEFAULT_SPEC, **declaration}
        return specs

    @api.model
    def _lp_spec(self, code):
        """The declaration of ``code`` (defaults for an undeclared action). No query."""
        return self._lp_declarations().get(code) or {**DEFAULT_SPEC, "code": code}

    @api.model
    def _lp_codes(self, **criteria):
        """The declared codes whose declaration matches ``criteria`` (e.g. ``decider="roles"``)."""
        return {code for code, spec in self._lp_declarations().items()
                if all(spec.get(key) == value for key, value in criteria.items())}

    @api.depends("code")
    def _compute_declaration(self):
        for action in self:
            spec = self._lp_spec(action.code)
            action.value_meaning = spec["value"]
            action.token_ttl = spec["ttl"]
            action.order_token_ttl = spec["order_ttl"] or spec["ttl"]
            action.decider = spec["decider"]
            action.evidence_model = spec["evidence_model"] or False
            action.reason_required = spec["reason_required"]
            action.alert_default = spec["alert_default"]

    # ------------------------------------------------------------------ POS data
    @api.model
    def _load_pos_data_domain(self, data):
        return []

    @api.model
    def _load_pos_data_fields(self, config_id):
        return ["id", "code", "name", "value_meaning", "decider", "evidence_model", "reason_required"]
