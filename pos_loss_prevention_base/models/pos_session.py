"""The approval RPCs the POS calls: who may approve, and verify-PIN-then-mint-token."""

import logging

from odoo import _, models
from odoo.exceptions import AccessError, UserError

_logger = logging.getLogger(__name__)


class PosSession(models.Model):
    _inherit = "pos.session"

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

    def _lp_reconciliation_findings(self):
        """Extension point: problems a payment terminal's addon sees in these closed sessions.

        Returns a list of dicts, one per problem: ``session_id``, ``key`` (stable text naming the
        problem, e.g. the operation id), ``explanation``, ``suggested_fix`` and optionally
        ``payment_method_id``, ``amount`` and ``severity`` (low / medium / high). A reconciliation
        run raises one exception per dict and resolves it when the dict is no longer returned.
        Override it (extend the result of ``super()``), reading all of ``self`` in batch queries.
        """
        return []
