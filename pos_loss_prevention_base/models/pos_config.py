"""Observe first, then enforce, per shop: the one switch every addon of the suite reads.

Installed into a running shop, the suite observes: it records every sensitive action and every
would-be block, but changes nothing a cashier can do, until the owner switches enforcement on for
that shop. Addons read the switch through ``pos.session._lp_enforced()`` (a session opened before
the switch, or before the install, is never enforced: no retroactive flags) or, where no session is
at hand, ``pos.config._lp_enforced()``. In the till it is ``pos.lpEnforced`` (same rule).

Each addon adds what enforcement needs to ``_lp_enforcement_checklist``; an item marked
``blocking`` (a gate that would stop the till with nobody able to approve) refuses the switch.
"""

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .res_users import POS_MANAGER_GROUP

# Set by the suite's demo data: a demo database shows the gates, in its shops and in new ones.
PARAM_ENFORCE_NEW_SHOPS = "pos_loss_prevention_base.enforce_new_shops"


class PosConfig(models.Model):
    _inherit = "pos.config"

    lp_enforced = fields.Boolean(
        "Enforce Loss Prevention", copy=False, default=lambda self: self._lp_new_shops_enforced(),
        help="Off (observe): the suite records sensitive actions and what it would have blocked, and changes "
             "nothing a cashier can do. On: the gates apply, from the next session of the till.")
    # The till reads every pos.config field it may read (_load_pos_data_fields is []): managers only,
    # and not computed while the POS loads (see _load_pos_data).
    lp_checklist_html = fields.Html(
        "Enforcement Checklist", compute="_compute_lp_checklist_html", sanitize=False, groups=POS_MANAGER_GROUP,
        help="What enforcement needs at this shop, and what is missing.")

    @api.model
    def _lp_new_shops_enforced(self):
        return bool(self.env["ir.config_parameter"].sudo().get_param(PARAM_ENFORCE_NEW_SHOPS))

    def _lp_enforced(self):
        """The one switch: are the suite's gates applied at this shop? (see pos.session._lp_enforced)"""
        self.ensure_one()
        return bool(self.sudo().lp_enforced)

    def _lp_manager_only_fields(self):
        """Extension point: the pos.config fields only a POS manager may write, as a list of
        ``(field names, message)``; the message may name the fields with ``%(fields)s``. pos.config
        is writable by every POS user (the till writes it), so access rights cannot protect them:
        one ``write`` check (below) refuses them. Extend the list of ``super()``."""
        return [({"lp_enforced"}, _("Only a Point of Sale manager can switch loss prevention enforcement."))]

    def write(self, vals):
        if not self.env.su and not self.env.user._lp_is_pos_manager():
            for names, message in self._lp_manager_only_fields():
                guarded = set(names).intersection(vals)
                if guarded:
                    raise AccessError(message % {"fields": ", ".join(sorted(guarded))})
        return super().write(vals)

    # ------------------------------------------------------------------ checklist
    def _lp_enforcement_checklist(self):
        """Extension point: [{"addon", "label", "ok", "blocking"}] of what enforcement needs here.

        ``ok`` False and ``blocking`` True: a gate would block the till with nobody able to approve,
        so enforcement cannot be switched on. ``ok`` False alone: a gap the owner should know of.
        """
        self.ensure_one()
        approvers = self.env["hr.employee"].sudo().search([
            ("company_id", "in", [self.company_id.id, False]), ("pos_approval_pin_hash", "!=", False)])
        approvers = approvers.filtered(lambda employee: employee._lp_base_approver(self))
        return [{
            "addon": "pos_loss_prevention_base",
            "label": _("%(count)s supervisor(s) have an approval PIN", count=len(approvers)) if approvers
            else _("No supervisor has an approval PIN (Employees > HR Settings > Approval PIN)"),
            "ok": bool(approvers),
            "blocking": False,
        }]

    def _lp_checklist_html(self, addons=None):
        """The checklist as HTML (✔ / ✘ lines), optionally limited to some addons."""
        self.ensure_one()
        items = [item for item in self._lp_enforcement_checklist() if not addons or item["addon"] in addons]
        rows = []
        for item in items:
            icon, css = ("fa-check", "text-success") if item["ok"] else (
                ("fa-ban", "text-danger") if item["blocking"] else ("fa-exclamation-triangle", "text-warning"))
            rows.append(Markup('<li class="%s"><i class="fa %s me-1"></i>%s</li>') % (css, icon, escape(item["label"])))
        return Markup('<ul class="list-unstyled mb-0">%s</ul>') % Markup().join(rows)

    @api.depends("lp_enforced")
    @api.depends_context("uid", "lp_pos_load")
    def _compute_lp_checklist_html(self):
        skip = self.env.context.get("lp_pos_load")
        for config in self:
            config.lp_checklist_html = config._lp_checklist_html() if config.id and not skip else False

    def _load_pos_data(self, data):
        # No checklist queries on the POS load of a manager's till.
        return super(PosConfig, self.with_context(lp_pos_load=True))._load_pos_data(data)

    def _lp_enforcement_blockers(self):
        self.ensure_one()
        return [item["label"] for item in self._lp_enforcement_checklist() if item["blocking"] and not item["ok"]]

    def action_lp_enforce(self):
        """Switch enforcement on, refused while an approver-less gate would block the till."""
        if not self.env.user._lp_is_pos_manager():
            raise AccessError(_("Only a Point of Sale manager can switch loss prevention enforcement."))
        for config in self:
            blockers = config._lp_enforcement_blockers()
            if blockers:
                raise UserError(_(
                    "Enforcement cannot be switched on at %(shop)s yet: it would block the till with nobody "
                    "able to approve.\n%(blockers)s",
                    shop=config.name, blockers="\n".join("- %s" % blocker for blocker in blockers)))
        self.write({"lp_enforced": True})
        return True

    def action_lp_observe(self):
        """Back to observing: the gates stop at once, the evidence keeps being recorded."""
        if not self.env.user._lp_is_pos_manager():
            raise AccessError(_("Only a Point of Sale manager can switch loss prevention enforcement."))
        self.write({"lp_enforced": False})
        return True

    def _lp_migrate_enforced(self):
        """Upgrade from a version without the switch: these shops enforced before, so they keep
        enforcing, and so do their sessions already open (they were enforced when they opened)."""
        configs = self.sudo().with_context(active_test=False)
        configs.write({"lp_enforced": True})
        self.env["pos.session"].sudo().search([
            ("config_id", "in", configs.ids), ("state", "!=", "closed")]).write({"lp_enforced": True})

    @api.model
    def _lp_demo_enforce(self):
        """Demo data: every shop enforced, and shops created later too."""
        self.env["ir.config_parameter"].sudo().set_param(PARAM_ENFORCE_NEW_SHOPS, "1")
        self.sudo().with_context(active_test=False).search([]).write({"lp_enforced": True})
