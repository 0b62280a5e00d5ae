"""Server-side backstop on order sync.

A paid order is never refused (Odoo syncs orders in batches; raising would block every pending
order of the till). Instead, each gated change without a valid approval token carried by the order
(discount beyond the cashier's cap, price different from the pricelist, refund, payment by a role
that may not take payment) writes a "bypass" row in pos.approval.log, and the session cannot close
until a manager reviews it.

Re-synced orders (restaurant tables, shared orders): a line deleted or decreased before the
order's first sync never reaches the server (the till's dialog is the gate there). Once a line is
on the server, a re-sync that removes it or lowers its quantity must carry an approval:
"split_bill" for the whole re-sync (the split moves lines to a new order), else "delete_line" /
"reduce_qty" per line, each used once. Without one, the removal is flagged.

How an order carries approvals: ``pos.order.lp_approval_tokens`` (JSON list of the plaintext tokens
the till received from ``lp_request_approval``), sent with the order's serialized data.
"""

import json
import logging

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from odoo.addons.pos_loss_prevention_base.models.approval_token import canonical_value

_logger = logging.getLogger(__name__)

DISCOUNT_PRECISION = 4
REMOVAL_ACTIONS = ("split_bill", "delete_line", "reduce_qty")


class PosOrder(models.Model):
    _inherit = "pos.order"

    lp_approval_tokens = fields.Text(
        "Approval Tokens", copy=False,
        help="JSON list of the approval tokens the till obtained for this order (consumed at sync).")

    def action_lp_view_approval_log(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("pos_security_pro.action_pos_approval_log")
        action["domain"] = [("order_id", "=", self.id)]
        return action

    @api.model
    def _process_order(self, order, existing_order):
        # What the server already holds, to see what a re-sync takes away (restaurant drafts).
        before = existing_order._lp_line_quantities() if existing_order else None
        order_id = super()._process_order(order, existing_order)
        pos_order = self.browse(order_id)
        if pos_order.lp_approval_tokens:  # the till attaches a token to the order for every approval
            pos_order._lp_link_approval_logs()
        # In memory first: a re-sync that removes nothing (most restaurant syncs) costs no statement.
        removed = pos_order._lp_removed_lines(before) if before else None
        if removed:
            try:
                with self.env.cr.savepoint():
                    pos_order._lp_check_removed_lines(removed)
            except Exception as error:  # noqa: BLE001 - an order must never be lost
                _logger.warning("POS re-sync check failed on %s, order flagged: %s", pos_order.name, error)
                pos_order._lp_flag("delete_line", _("The re-sync check could not run: %s", error))
        # sync_from_ui only processes new or draft orders: a finalised state here means this is
        # the order's one and only finalisation.
        if pos_order.state not in ("draft", "cancel"):
            # No savepoint (two statements on every sale): a Python error leaves the transaction
            # usable and the order is flagged; a database error aborts the sync, which the till
            # retries, as it would for any database error.
            try:
                pos_order._lp_enforce_security()
            except psycopg2.Error:
                raise
            except Exception as error:  # noqa: BLE001 - a paid order must never be lost
                _logger.warning("POS security check failed on %s, order flagged: %s", pos_order.name, error)
                pos_order._lp_flag("payment", _("The security check could not run: %s", error))
        return order_id

    # ------------------------------------------------------------------ who is at the till
    def _lp_cashier(self):
        """(employee, role) the rules apply to. The employee is client-supplied: when the till
        names an employee who may not work on this config, the strictest role applies."""
        self.ensure_one()
        config = self.config_id
        Employee = self.env["hr.employee"].sudo()
        if config.module_pos_hr:
            employee = self.employee_id.sudo()
            if employee:
                user = self.session_id.user_id or self.env.user
                allowed = Employee.search_count(config._employee_domain(user.id) + [("id", "=", employee.id)])
                if not allowed:
                    return employee, self.env["pos.security.role"]._lp_strictest()
            return employee, employee._lp_security_role(config)
        # The RPC caller, not the order's user_id: that one is client-supplied.
        user = self.user_id if self.env.su else self.env.user
        employee = Employee.search_fetch([("user_id", "=", user.id), ("company_id", "=", self.company_id.id)],
                                         ["pos_security_role_id", "pos_max_discount", "pos_can_approve", "user_id",
                                          "company_id"],
                                         limit=1)
        if employee:
            return employee, employee._lp_security_role(config)
        if config.lp_default_role_id:
            return Employee, config.lp_default_role_id.sudo()
        if user.has_group("point_of_sale.group_pos_manager"):
            role = self.env["pos.security.role"]._lp_shipped("role_manager")
            if role:
                return Employee, role
        return Employee, self.env["pos.security.role"]._lp_strictest()

    # ------------------------------------------------------------------ the rules
    def _lp_tokens(self):
        try:
            tokens = json.loads(self.lp_approval_tokens or "[]")
        except (TypeError, ValueError):
            return []
        return [token for token in tokens if isinstance(token, str)] if isinstance(tokens, list) else []

    def _lp_split_negative_lines(self):
        """(refund lines, decrease lines). A negative line is a refund when it refunds a past order
        or when the order gives back more of the product than it sells; otherwise it is how the
        POS records a decrease of a line already sent (restaurant), governed by "reduce quantity"."""
        negative = self.lines.filtered(lambda line: line.qty < 0)
        net = {}
        for line in self.lines:
            net[line.product_id] = net.get(line.product_id, 0.0) + line.qty
        refunds = negative.filtered(lambda line: line.refunded_orderline_id or net[line.product_id] < 0)
        return refunds, negative - refunds

    def _lp_refund_amount(self, lines=None):
        lines = self._lp_split_negative_lines()[0] if lines is None else lines
        total = sum(-line.qty * line.price_unit * (1 - (line.discount or 0.0) / 100.0) for line in lines)
        return self.currency_id.round(total)

    def _lp_pricelist_price(self, line):
        product = line.product_id
        if self.pricelist_id:
            return self.pricelist_id._get_product_price(product, abs(line.qty) or 1.0, currency=self.currency_id)
        return product.lst_price

    def _lp_needs(self, employee, role):
        """The approvals this order needs: [(action, value, line, old_value, new_value)]."""
        self.ensure_one()
        needs = []
        cap = employee._lp_discount_cap(role) if employee else role.max_discount
        precision = self.env["decimal.precision"].precision_get("Product Price")
        special_products = self.config_id.tip_product_id
        if "discount_product_id" in self.config_id._fields:  # pos_discount's global discount line
            special_products |= self.config_id.discount_product_id
        for line in self.lines.filtered(lambda line: not line.combo_parent_id and not line.combo_line_ids):
            is_refund_line = line.qty < 0 or line.refunded_orderline_id  # price rule: refunds keep their price
            if role.require_approval_discount and float_compare(line.discount, cap, DISCOUNT_PRECISION) > 0:
                needs.append(("discount", line.discount, line, "%g %%" % cap, "%g %%" % line.discount))
            if (role.require_approval_price and not is_refund_line and line.product_id not in special_products
                    and line.price_type in ("manual", "original") and not self.fiscal_position_id):
                list_price = self._lp_pricelist_price(line) + (line.price_extra or 0.0)
                if float_compare(line.price_unit, list_price, precision_digits=precision) != 0:
                    needs.append(("price", line.price_unit, line, str(list_price), str(line.price_unit)))
        refund_lines, decrease_lines = self._lp_split_negative_lines()
        # A role without the refund button refunds only with a supervisor's approval (the server
        # cannot tell which screen produced the negative lines).
        if refund_lines and (role.require_approval_refund or role.hide_refund_button):
            amount = self._lp_refund_amount(refund_lines)
            needs.append(("refund", amount, refund_lines[:1], "", str(amount)))
        if role.require_approval_reduce_qty:
            for line in decrease_lines:
                needs.append(("reduce_qty", -line.qty, line, "", str(line.qty)))
        if role.hide_payment_button and self.payment_ids:
            needs.append(("payment", None, self.lines[:0], "", str(self.amount_paid)))
        return needs

    def _lp_match_token(self, tokens, action, value, res_model, res_id, once=False):
        """Return "" when one carried token approves (action, value) here, else the refusal reason.

        A token already consumed by this same record counts again (the same order synced twice,
        e.g. a restaurant draft paid later, keeps its approvals), unless ``once``: a removal from
        a synced order is a new event each time and needs a new approval.
        """
        Token = self.env["pos.approval.token"].sudo()
        reason = _("no approval token")
        for token in tokens:
            record = Token.search([("token_hash", "=", Token._hash(token))], limit=1)
            if record and record.action != action:
                continue  # another gate's approval: not a refusal of this one
            if (not once and record and record.consumed_at and record.consumed_res_model == res_model
                    and record.consumed_res_id == res_id and record.value == canonical_value(value)
                    and record.session_id == self.session_id):
                return ""
            consumed, refusal = Token._lp_consume(
                token, self.session_id, action, value=value, order_uuid=self.uuid,
                res_model=res_model, res_id=res_id)
            if consumed:
                return ""
            if record:
                reason = refusal
        return reason

    def _lp_enforce_security(self):
        self.ensure_one()
        employee, role = self._lp_cashier()
        if not (role.require_approval_discount or role.require_approval_price or role.require_approval_refund
                or role.require_approval_reduce_qty or role.hide_payment_button or role.hide_refund_button):
            return  # e.g. the Manager role: nothing to check, no cost
        tokens = self._lp_tokens()
        for action, value, line, old_value, new_value in self._lp_needs(employee, role):
            if action == "payment":
                refusal = _("the role %(role)s may not take payment", role=role.name)
            else:
                res_model, res_id = ("pos.order.line", line.id) if action in ("discount", "price", "reduce_qty") \
                    else ("pos.order", self.id)
                refusal = self._lp_match_token(tokens, action, value, res_model, res_id)
            if refusal:
                self._lp_flag(action, refusal, employee=employee, product=line.product_id,
                              old_value=old_value, new_value=new_value)

    def _lp_flag(self, action, message, employee=None, product=None, old_value=None, new_value=None):
        self.ensure_one()
        employee = employee or self.employee_id
        self.env["pos.approval.log"].sudo().create({
            "company_id": self.company_id.id,
            "session_id": self.session_id.id,
            "order_id": self.id,
            "order_uuid": self.uuid,
            "action_type": action,
            # Observing: on record as what enforcement would flag; it blocks no closing, alerts nobody.
            "status": "bypass" if self.session_id._lp_enforced() else "observed",
            "requested_by_id": employee.id if employee else False,
            "requested_by_user_id": (employee.user_id.id if employee else False) or self.user_id.id,
            "product_id": product.id if product else False,
            "old_value": old_value or False,
            "new_value": new_value or False,
            "message": message,
        })

    def action_pos_order_cancel(self):
        """Cancelling an order with lines needs an approval for restricted roles. The till asks
        before calling this RPC (the approval is then on record for the order's uuid); a call
        without it still cancels the draft (no money moved) but is flagged for review."""
        for order in self.filtered(lambda order: order.state == "draft" and order.lines):
            employee, role = order._lp_cashier()
            if not role._lp_requires_approval("cancel_order"):
                continue
            # A restaurant merge moves the lines to the other table's order, then cancels this one:
            # the transfer approval covers it.
            approved = self.env["pos.approval.log"].sudo().search_count([
                ("order_uuid", "=", order.uuid), ("action_type", "in", ("cancel_order", "transfer")),
                ("status", "=", "approved")])
            if not approved:
                order._lp_flag("cancel_order", _("order cancelled without an approval"), employee=employee,
                               new_value=str(order.amount_total))
        return super().action_pos_order_cancel()

    @api.model
    def search_paid_order_ids(self, config_id, domain, limit, offset):
        """The till's order list (Orders menu, and the refund button's search). A role that may
        neither browse orders nor refund gets no past order from the server either."""
        if not self.env.su:
            sessions = self.env["pos.session"].sudo().search([
                ("config_id", "=", config_id), ("state", "in", ("opening_control", "opened", "closing_control"))])
            if any(role.hide_orders_menu and role.hide_refund_button for role in sessions._lp_till_roles()):
                raise UserError(_("Your POS role does not allow browsing past orders."))
        return super().search_paid_order_ids(config_id, domain, limit, offset)

    def _lp_link_approval_logs(self):
        """Approvals given before the order's first sync only knew its uuid: link them now."""
        logs = self.env["pos.approval.log"].sudo().search([("order_uuid", "=", self.uuid), ("order_id", "=", False)])
        if logs:
            logs.write({"order_id": self.id})

    # ------------------------------------------------------------------ re-synced orders
    def _lp_line_quantities(self):
        """{line id: (product, qty)} of the lines the server holds (combo children excluded)."""
        return {line.id: (line.product_id, line.qty)
                for line in self.lines.filtered(lambda line: not line.combo_parent_id)}

    def _lp_removed_lines(self, before):
        """[(line id, product, old qty, new qty)] for every line removed or decreased since ``before``."""
        precision = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        now = {line.id: line.qty for line in self.lines}
        removed = []
        for line_id, (product, old_qty) in before.items():
            new_qty = now.get(line_id, 0.0)
            if old_qty > 0 and float_compare(new_qty, old_qty, precision_digits=precision) < 0:
                removed.append((line_id, product, old_qty, max(new_qty, 0.0)))
        return removed

    def _lp_check_removed_lines(self, removed):
        """Flag each removal (see _lp_removed_lines) that no carried approval covers."""
        self.ensure_one()
        employee, role = self._lp_cashier()
        if not any(role._lp_requires_approval(action) for action in REMOVAL_ACTIONS):
            return
        tokens = self._lp_tokens()
        if role._lp_requires_approval("split_bill") and tokens \
                and not self._lp_match_token(tokens, "split_bill", None, "pos.order", self.id, once=True):
            return  # one split approval covers every line the split moved
        for line_id, product, old_qty, new_qty in removed:
            action = "reduce_qty" if new_qty else "delete_line"
            if not role._lp_requires_approval(action):
                continue
            refusal = self._lp_match_token(tokens, action, old_qty - new_qty, "pos.order.line", line_id, once=True)
            if refusal:
                self._lp_flag(action, _("%(product)s removed from a synced order: %(refusal)s",
                                        product=product.display_name, refusal=refusal),
                              employee=employee, product=product, old_value="%g" % old_qty, new_value="%g" % new_qty)
