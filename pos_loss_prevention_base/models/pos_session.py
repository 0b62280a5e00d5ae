"""The approval RPCs the POS calls: who may approve, and verify-PIN-then-mint-token."""

import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

_logger = logging.getLogger(__name__)


class PosSession(models.Model):
    _inherit = "pos.session"

    # No default: sessions that exist when the suite is installed stay NULL, i.e. never enforced.
    lp_enforced = fields.Boolean(
        "Loss Prevention Enforced", readonly=True, copy=False,
        help="The shop enforced loss prevention when this session opened. Switching enforcement on "
             "applies from the next session; switching it off applies at once.")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            config = self.env["pos.config"].browse(vals.get("config_id") or [])
            vals["lp_enforced"] = bool(config) and config._lp_enforced()
        return super().create(vals_list)

    def _lp_enforced(self):
        """The one switch every gate reads: enforced at this session's opening and still enforced."""
        self.ensure_one()
        session = self.sudo()
        return bool(session.lp_enforced and session.config_id.lp_enforced)

    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + ["lp_enforced"]

    def _lp_check_till(self):
        self.ensure_one()
        if not self.env.user.has_group("point_of_sale.group_pos_user"):
            raise AccessError(_("Only Point of Sale users can ask for an approval."))
        if self.state not in ("opening_control", "opened", "closing_control"):
            raise UserError(_("The session %(name)s is closed.", name=self.name))

    def lp_get_approvers(self, action, value=None, requested_by_id=None):
        """[{id, name}] of the employees who may approve this action and value here.

        ``requested_by_id``: the employee at the till (client-supplied), passed on to
        ``_lp_can_approve``: addons may refuse an approver for a requester (pos_security_pro's
        roles limit whose requests they approve).
        """
        self._lp_check_till()
        requested_by = self.env["hr.employee"].sudo().browse(int(requested_by_id or 0)).exists()
        approvers = self.env["hr.employee"]._lp_approvers_for(action, value, self, requested_by=requested_by)
        return [{"id": employee.id, "name": employee.name} for employee in approvers.sorted("name")]

    def lp_request_approval(self, action, approver_id, pin, value=None, order_uuid=None,
                            reason=None, notes=None, requested_by_id=None):
        """Verify the approver's PIN on the server and mint a single-use token.

        Returns {"ok", "token", "message", "approver_name"} and never raises on a refusal, so the
        attempt counter and the addons' evidence rows are committed with the answer.
        """
        self._lp_check_till()
        requested_by = self.env["hr.employee"].sudo().browse(int(requested_by_id or 0)).exists()
        approver = self.env["hr.employee"].sudo().browse(int(approver_id or 0)).exists()
        info = {
            "approver": approver, "requested_by": requested_by, "value": value, "order_uuid": order_uuid,
            "reason": reason, "notes": notes, "token": False,
        }
        if not approver or not approver._lp_can_approve(action, value, self, requested_by=requested_by):
            info["message"] = _("This employee may not approve this action.")
            self._lp_approval_event(action, "not_allowed", info)
            return {"ok": False, "token": False, "message": info["message"]}
        check = approver._lp_verify_pin(pin)
        if not check["ok"]:
            info["message"] = check["message"]
            self._lp_approval_event(action, "pin_locked" if check["reason"] == "locked" else "pin_failed", info)
            return {"ok": False, "token": False, "message": check["message"]}
        token = self.env["pos.approval.token"]._lp_mint(
            self, action, value=value, approver=approver, order_uuid=order_uuid,
            reason=reason, requested_by=requested_by)
        info.update(message="", token=token)
        self._lp_approval_event(action, "approved", info)
        return {"ok": True, "token": token, "message": "", "approver_name": approver.name}

    def _lp_approval_event(self, action, outcome, info):
        """Extension point: each addon writes the evidence row for its own actions (call super).

        ``outcome`` is approved / pin_failed / pin_locked / not_allowed; ``info`` holds approver,
        requested_by (hr.employee records), value, order_uuid, reason, notes, message, token.
        The base keeps the evidence of every refused PIN, whatever the action.
        """
        if outcome == "approved":
            return
        self.env["pos.pin.attempt.log"].sudo().create({
            "employee_id": info["approver"].id or False,
            "requested_by_id": info["requested_by"].id or False,
            "session_id": self.id,
            "company_id": self.company_id.id,
            "action": action,
            "outcome": outcome,
            "order_uuid": info.get("order_uuid") or False,
            "message": info.get("message") or False,
        })
        _logger.info("POS approval %s for %s at %s (approver id %s)",
                     outcome, action, self.name, info["approver"].id or None)
