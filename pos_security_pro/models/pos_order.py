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

How an order carries approvals: ``pos.order.lp_approval_tokens`` (the base's carrier: JSON list of
the plaintext tokens the till received from ``lp_request_approval``), consumed through the base's
``pos.session._lp_consume_approval``.

What the rules read comes from the database, never from fields the till may set: the person is the
server-checked login at the till (pos_hr) or the RPC caller's employee, not the order's
``employee_id``; prices are computed by the server (see pos_order_line.py), whatever the line's
``price_type``; a combo is a combo product with its own items, a refund refunds a real paid line;
the tip product is the config's as stored. The check runs whenever an order becomes paid: at sync,
and on any other path (``action_pos_order_paid``, ``write``, ``create``) outside it.
"""

import logging
import threading
from contextlib import contextmanager

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from odoo.addons.pos_loss_prevention_base.models.pos_session import OPEN_SESSION_STATES

_logger = logging.getLogger(__name__)

DISCOUNT_PRECISION = 4
REMOVAL_ACTIONS = ("split_bill", "delete_line", "reduce_qty")
PAID_STATES = ("paid", "done", "invoiced")

# Set while sync_from_ui processes an order (its own writes, line deletions and payment are judged
# once at its end). A thread-local, not a context key: a raw RPC chooses its own context.
_SYNC = threading.local()


@contextmanager
def _lp_syncing():
    depth = getattr(_SYNC, "depth", 0)
    _SYNC.depth = depth + 1
    try:
        yield
    finally:
        _SYNC.depth = depth


def lp_in_sync():
    return getattr(_SYNC, "depth", 0) > 0


class PosOrder(models.Model):
    _inherit = "pos.order"

    # lp_approval_tokens (the order's approvals, consumed at sync) is the base's carrier.

    def action_lp_view_approval_log(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("pos_security_pro.pos_approval_log_action")
        action["domain"] = [("order_id", "=", self.id)]
        return action

    @api.model
    def _process_order(self, order, existing_order):
        # What the server already holds, to see what a re-sync takes away (restaurant drafts).
        before = existing_order._lp_line_quantities() if existing_order else None
        with _lp_syncing():
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
            pos_order._lp_check_paid()
        return order_id

    def _lp_check_paid(self):
        """The backstop of an order that has just become paid. No savepoint (two statements on
        every sale): a Python error leaves the transaction usable and the order is flagged; a
        database error aborts the call, which the till retries, as for any database error."""
        self.ensure_one()
        try:
            self._lp_enforce_security()
        except psycopg2.Error:
            raise
        except Exception as error:  # noqa: BLE001 - a paid order must never be lost
            _logger.warning("POS security check failed on %s, order flagged: %s", self.name, error)
            self._lp_flag("payment", _("The security check could not run: %s", error))

    # ------------------------------------------------------------------ paid outside sync_from_ui
    def _lp_checked_outside_sync(self):
        """Orders becoming paid outside sync_from_ui (a draft paid by ``action_pos_order_paid``,
        ``write({'state': 'paid'})`` or created paid) by a POS user: sync_from_ui's check runs
        at its end; POS managers and the superuser (backend flows) act within their authority."""
        if lp_in_sync() or self.env.su or self.env.user._lp_is_pos_manager():
            return self.browse()
        return self

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        for order in orders._lp_checked_outside_sync().filtered(lambda order: order.state in PAID_STATES):
            order._lp_check_paid()
        return orders

    def write(self, vals):
        becoming_paid = self.browse()
        if vals.get("state") in PAID_STATES:
            becoming_paid = self._lp_checked_outside_sync().filtered(lambda order: order.state == "draft")
        res = super().write(vals)
        for order in becoming_paid:
            order._lp_check_paid()
        return res

    # ------------------------------------------------------------------ who is at the till
    def _lp_cashier(self):
        """(employee, role) the rules apply to: the session's till actor and its role
        (``pos.session._lp_actor_role`` over the base's ``_lp_till_actor``), never the order's
        client-supplied ``employee_id`` or ``user_id``."""
        self.ensure_one()
        return self.session_id._lp_actor_role()

    # ------------------------------------------------------------------ the rules
    def _lp_tokens(self):
        return self._lp_approval_tokens()

    def _lp_split_negative_lines(self, genuine=None):
        """(refund lines, decrease lines). A negative line is a refund when it refunds a line of a
        past paid order (checked in the database, see ``_lp_refunded_line``) or when the order gives
        back more of the product than it sells; otherwise it is how the POS records a decrease of a
        line already sent (restaurant), governed by "reduce quantity"."""
        genuine = self._lp_genuine_refunds() if genuine is None else genuine
        negative = self.lines.filtered(lambda line: line.qty < 0)
        net = {}
        for line in self.lines:
            net[line.product_id] = net.get(line.product_id, 0.0) + line.qty
        refunds = negative.filtered(lambda line: line in genuine or net[line.product_id] < 0)
        return refunds, negative - refunds

    def _lp_genuine_refunds(self):
        """{line: refunded line} for the lines that really refund a paid line (no query on a sale
        whose lines name no refunded line)."""
        named = self.lines.filtered("refunded_orderline_id")
        genuine = {}
        for line in named:
            refunded = line._lp_refunded_line()
            if refunded:
                genuine[line] = refunded
        return genuine

    def _lp_refund_amount(self, lines=None):
        lines = self._lp_split_negative_lines()[0] if lines is None else lines
        total = sum(-line.qty * line.price_unit * (1 - (line.discount or 0.0) / 100.0) for line in lines)
        return self.currency_id.round(total)

    def _lp_price_context(self):
        """(pricelist, fiscal position, date, notes) the expected prices are computed with. A
        pricelist or fiscal position this till does not offer is not applied (the till's default
        is) and is named in the flags; the date is the order's, kept within its session."""
        config = self.config_id
        notes = []
        pricelist = self.pricelist_id
        if pricelist and pricelist != config.pricelist_id and pricelist not in config.available_pricelist_ids:
            notes.append(_("pricelist %s is not offered by this point of sale", pricelist.display_name))
            pricelist = config.pricelist_id
        elif not pricelist:
            pricelist = config.pricelist_id
        position = self.fiscal_position_id
        if position and position != config.default_fiscal_position_id and position not in config.fiscal_position_ids:
            notes.append(_("fiscal position %s is not offered by this point of sale", position.display_name))
            position = config.default_fiscal_position_id
        date = min(self.date_order or fields.Datetime.now(), fields.Datetime.now())
        if self.session_id.start_at:
            date = max(date, self.session_id.start_at)
        return pricelist, position, date, notes

    def _lp_price_needs(self, genuine, pricelist, position, date, note):
        """[(line, value, old value, new value, note)] for every price that differs from what the
        server computes (see pos.order.line._lp_expected_prices); never trusts price_type."""
        config = self.config_id
        precision = self.env["decimal.precision"].precision_get("Product Price")
        needs = []
        # The tip and pos_discount's global discount products, as the config stores them (a POS
        # user may not change them, see pos_config.py): a tip is any positive amount.
        special = config.tip_product_id
        if "discount_product_id" in config._fields:
            special |= config.discount_product_id
        # Parents read from the children's stored link (no query on a sale without combo).
        combo_parents = (self.lines.combo_parent_id & self.lines).filtered(
            lambda line: line not in genuine and line.product_id.type == "combo")
        in_combo = self.env["pos.order.line"]
        for parent in combo_parents:
            children = parent._lp_combo_children()
            in_combo |= parent | children
            needs.extend(self._lp_combo_price_needs(parent, children, pricelist, position, date, note))
        sales = self.lines.filtered(lambda line: line not in genuine and line not in in_combo and not (
            line.product_id in special and line.qty > 0 and line.price_unit >= 0))
        expected = sales._lp_expected_prices(pricelist, position, date)
        for line in sales:
            candidates = expected[line]
            if any(float_compare(line.price_unit, price, precision_digits=precision) == 0 for price in candidates):
                continue
            if line.qty < 0 and float_compare(line.price_unit, max(candidates), precision_digits=precision) < 0:
                continue  # a decrease recorded at less than the price takes less off the bill
            needs.append((line, line.price_unit, str(candidates[0]), str(line.price_unit), note))
        for line, refunded in genuine.items():
            # A refund gives back at most what was paid for the refunded line.
            paid = refunded.price_unit * (1 - (refunded.discount or 0.0) / 100.0)
            given = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            if float_compare(given, paid, precision_digits=precision) > 0:
                needs.append((line, line.price_unit, str(refunded.price_unit), str(line.price_unit),
                              _("more than the refunded line was sold for")))
        return needs

    def _lp_combo_price_needs(self, parent, children, pricelist, position, date, note):
        """A combo's lines together cost what the combo costs (see _lp_combo_expected); when they
        do not, each child priced off its share is a price change (else the parent is)."""
        precision = self.env["decimal.precision"].precision_get("Product Price")
        totals, shares = parent._lp_combo_expected(children, pricelist, position, date)
        actual = parent.price_unit + sum(children.mapped("price_unit"))
        tolerance = (len(children) + 1) * 10 ** -precision
        if any(abs(actual - total) <= tolerance + 1e-9 for total in totals):
            return []
        off = [child for child in children
               if float_compare(child.price_unit, shares[child], precision_digits=precision) != 0]
        combo_note = "; ".join(filter(None, [
            _("combo %(product)s: %(actual)s instead of %(expected)s", product=parent.product_id.display_name,
              actual=actual, expected=totals[0]), note]))
        if not off:
            return [(parent, actual, str(totals[0]), str(actual), combo_note)]
        return [(child, child.price_unit, str(shares[child]), str(child.price_unit), combo_note) for child in off]

    def _lp_needs(self, employee, role):
        """The approvals this order needs: [(action, value, line, old_value, new_value, note, refusal)];
        ``refusal`` is set when no approval can cover the need (else the carried tokens decide)."""
        self.ensure_one()
        needs = []
        cap = employee._lp_discount_cap(role) if employee else role.max_discount
        genuine = self._lp_genuine_refunds()
        if role.require_approval_discount:
            for line in self.lines:
                if line in genuine and float_compare(
                        line.discount, genuine[line].discount, DISCOUNT_PRECISION) <= 0:
                    continue  # the refunded sale's own discount: less money goes back
                if float_compare(line.discount, cap, DISCOUNT_PRECISION) > 0:
                    needs.append(("discount", line.discount, line, "%g %%" % cap, "%g %%" % line.discount, "", None))
        if role.require_approval_price:
            pricelist, position, date, notes = self._lp_price_context()
            if position != self.fiscal_position_id:  # the taxes themselves are not the till's
                needs.append(("price", None, self.lines[:0], position.display_name or "",
                              self.fiscal_position_id.display_name, "", "; ".join(notes)))
            for line, value, old_value, new_value, note in self._lp_price_needs(
                    genuine, pricelist, position, date, "; ".join(notes)):
                needs.append(("price", value, line, old_value, new_value, note, None))
        refund_lines, decrease_lines = self._lp_split_negative_lines(genuine)
        # A role without the refund button refunds only with a supervisor's approval (the server
        # cannot tell which screen produced the negative lines).
        if refund_lines and (role.require_approval_refund or role.hide_refund_button):
            amount = self._lp_refund_amount(refund_lines)
            needs.append(("refund", amount, refund_lines[:1], "", str(amount), "", None))
        if role.require_approval_reduce_qty:
            for line in decrease_lines:
                needs.append(("reduce_qty", -line.qty, line, "", str(line.qty), "", None))
        if role.hide_payment_button and self.payment_ids:
            needs.append(("payment", None, self.lines[:0], "", str(self.amount_paid), "",
                          _("the role %(role)s may not take payment", role=role.name)))
        return needs

    def _lp_match_token(self, tokens, action, value, res_model, res_id, once=False, product=None):
        """Return "" when one carried token approves (action, value) here, else the refusal reason.

        The base's consume (``_lp_consume_approval``): a token already consumed by this same record
        counts again (the same order synced twice, e.g. a restaurant draft paid later, keeps its
        approvals), unless ``once``: a removal from a synced order is a new event each time.
        """
        record = self.env[res_model].browse(res_id)
        return self.session_id._lp_consume_approval(
            tokens, action, value=value, record=record, once=once, order_uuid=self.uuid, product=product)[1]

    def _lp_enforce_security(self):
        """Judge the order that has just become paid: one log row per sensitive change, written
        in one batched insert (a routine sale writes nothing)."""
        self.ensure_one()
        employee, role = self._lp_cashier()
        vals_list = []
        if (role.require_approval_discount or role.require_approval_price or role.require_approval_refund
                or role.require_approval_reduce_qty or role.hide_payment_button or role.hide_refund_button):
            vals_list += self._lp_gated_vals(employee, role)
        vals_list += [self._lp_log_vals(action, "within_authority", message, employee=employee, product=product,
                                        old_value=old_value, new_value=new_value)
                      for action, product, old_value, new_value, message in self._lp_own_changes(employee, role)]
        if vals_list:
            self.env["pos.approval.log"].sudo().create(vals_list)

    def _lp_gated_vals(self, employee, role):
        """Log values of the gated changes no carried approval covers (bypass / observed)."""
        tokens = self._lp_tokens()
        # The order's employee_id is the till's claim: say so when it is not the server's actor.
        claimed = self.employee_id if self.employee_id and self.employee_id != employee else None
        vals_list = []
        for action, value, line, old_value, new_value, note, refusal in self._lp_needs(employee, role):
            if refusal is None:
                res_model, res_id = ("pos.order.line", line.id) if action in ("discount", "price", "reduce_qty") \
                    else ("pos.order", self.id)
                refusal = self._lp_match_token(tokens, action, value, res_model, res_id,
                                               product=line.product_id if res_model == "pos.order.line" else None)
            if refusal:
                details = [refusal, note]
                if claimed:
                    details.append(_("the order names %s, the server-checked login does not",
                                     claimed.sudo().name))
                vals_list.append(self._lp_log_vals(
                    action, self._lp_flag_status(), "; ".join(filter(None, details)), employee=employee,
                    product=line.product_id, old_value=old_value, new_value=new_value))
        return vals_list

    # ------------------------------------------------------------------ within authority
    def _lp_own_changes(self, employee, role):
        """[(action, product, old value, new value, message)]: the sensitive changes of this paid
        order that the actor's own role allowed (no approval asked, none needed), so that the
        insider's refunds, discounts and price changes are on record too.

        Read in memory first: a sale without a discount, a negative line or a price typed at the
        till returns at once (no statement). A price change is looked for on the lines the till
        marks as typed (``price_type`` "manual"): trusting that mark is the price of a free routine
        sale; a role that needs approval for prices has every line priced by the server instead
        (``_lp_needs``), and its changes are gated, not within authority.
        """
        self.ensure_one()
        lines = self.lines
        discounted = lines.filtered(lambda line: float_compare(line.discount, 0.0, DISCOUNT_PRECISION) > 0)
        negative = lines.filtered(lambda line: line.qty < 0)
        typed = lines.filtered(lambda line: line.price_type == "manual") if not role.require_approval_price \
            else lines[:0]
        if not (discounted or negative or typed):
            return []
        own = _("within the authority of the role %(role)s", role=role.name)
        genuine = self._lp_genuine_refunds() if negative else {}
        changes = []
        cap = employee._lp_discount_cap(role) if employee else role.max_discount
        for line in discounted:
            if line in genuine and float_compare(line.discount, genuine[line].discount, DISCOUNT_PRECISION) <= 0:
                continue  # the refunded sale's own discount
            if role.require_approval_discount and float_compare(line.discount, cap, DISCOUNT_PRECISION) > 0:
                continue  # beyond the cap: gated (approved or flagged), not the actor's own
            changes.append(("discount", line.product_id, "0 %", "%g %%" % line.discount, own))
        if typed:
            changes += self._lp_own_price_changes(typed.filtered(lambda line: line not in genuine), own)
        if negative:
            refunds, decreases = self._lp_split_negative_lines(genuine)
            if refunds and not (role.require_approval_refund or role.hide_refund_button):
                # Old value: what the refunded lines were sold for; new value: what goes back.
                sold = sum(-line.qty * refunded.price_unit * (1 - (refunded.discount or 0.0) / 100.0)
                           for line, refunded in genuine.items() if line in refunds)
                changes.append(("refund", refunds[:1].product_id, str(self.currency_id.round(sold)),
                                str(self._lp_refund_amount(refunds)), own))
            if decreases and not role.require_approval_reduce_qty:
                for line in decreases:
                    sold = sum(other.qty for other in lines if other.product_id == line.product_id and other.qty > 0)
                    changes.append(("reduce_qty", line.product_id, "%g" % sold, "%g" % (sold + line.qty), own))
        return changes

    def _lp_own_price_changes(self, typed, message):
        """The typed prices of ``typed`` that differ from the server's (see ``_lp_price_needs``)."""
        config = self.config_id
        special = config.tip_product_id
        if "discount_product_id" in config._fields:
            special |= config.discount_product_id
        # Combo items are priced by the till from their combo; a loyalty reward line (pos_loyalty)
        # is priced by its program, not by the person at the till.
        typed = typed.filtered(lambda line: line.product_id not in special and not line.combo_parent_id
                               and line.product_id.type != "combo"
                               and not ("is_reward_line" in line._fields and line.is_reward_line))
        if not typed:
            return []
        precision = self.env["decimal.precision"].precision_get("Product Price")
        pricelist, position, date, _notes = self._lp_price_context()
        expected = typed._lp_expected_prices(pricelist, position, date)
        changes = []
        for line in typed:
            candidates = expected[line]
            if any(float_compare(line.price_unit, price, precision_digits=precision) == 0 for price in candidates):
                continue
            changes.append(("price", line.product_id, str(candidates[0]), str(line.price_unit), message))
        return changes

    def _lp_flag_status(self):
        # Observing: on record as what enforcement would flag; it blocks no closing, alerts nobody.
        return "bypass" if self.session_id._lp_enforced() else "observed"

    def _lp_log_vals(self, action, status, message, employee=None, product=None, old_value=None, new_value=None):
        self.ensure_one()
        employee = self.employee_id if employee is None else employee
        return {
            "company_id": self.company_id.id,
            "session_id": self.session_id.id,
            "order_id": self.id,
            "order_uuid": self.uuid,
            "action_type": action,
            "status": status,
            "requested_by_id": employee.id if employee else False,
            "requested_by_user_id": (employee.user_id.id if employee else False) or self.user_id.id,
            "product_id": product.id if product else False,
            "old_value": old_value or False,
            "new_value": new_value or False,
            "message": message,
        }

    def _lp_flag(self, action, message, employee=None, product=None, old_value=None, new_value=None):
        self.ensure_one()
        self.env["pos.approval.log"].sudo().create([self._lp_log_vals(
            action, self._lp_flag_status(), message, employee=employee, product=product, old_value=old_value,
            new_value=new_value)])

    def action_pos_order_cancel(self):
        """Cancelling an order with lines needs an approval for restricted roles. The till asks
        before calling this RPC (the approval is then on record for the order's uuid); a call
        without it still cancels the draft (no money moved) but is flagged for review."""
        for order in self.filtered(lambda order: order.state == "draft" and order.lines):
            employee, role = order._lp_cashier()
            if not role._lp_requires_approval("cancel_order"):
                order._lp_log_own_cancel(employee, role)
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

    def _lp_log_own_cancel(self, employee, role):
        """A cancel the actor's role allows alone is on record too (within authority)."""
        self.env["pos.approval.log"].sudo().create([self._lp_log_vals(
            "cancel_order", "within_authority", _("within the authority of the role %(role)s", role=role.name),
            employee=employee, product=self.lines[:1].product_id, old_value=str(self.amount_total),
            new_value="0")])

    # ------------------------------------------------------------------ deleting synced orders
    def _lp_may_remove_freely(self):
        return lp_in_sync() or self.env.su or self.env.user._lp_is_pos_manager()

    @api.ondelete(at_uninstall=False)
    def _lp_unlink_except_unapproved(self):
        """Core lets a POS user unlink() a draft or cancelled order, lines and all: without the
        till's cancel approval that is refused, on record (the till cancels with approval instead)."""
        if not self._lp_may_remove_freely():
            self.filtered("lines")._lp_refuse_unapproved_removal()

    @api.model
    def remove_from_ui(self, server_ids):
        """Core's RPC cancels and deletes drafts (as superuser): the same rule as unlink()."""
        if not self._lp_may_remove_freely():
            self.search([("id", "in", server_ids), ("state", "=", "draft")]).filtered(
                "lines")._lp_refuse_unapproved_removal()
        return super().remove_from_ui(server_ids)

    def _lp_refuse_unapproved_removal(self):
        for order in self:
            employee, role = order._lp_cashier()
            if not role._lp_requires_approval("cancel_order"):
                continue
            approved = self.env["pos.approval.log"].sudo().search_count([
                ("order_uuid", "=", order.uuid), ("action_type", "=", "cancel_order"), ("status", "=", "approved")])
            if approved:
                continue
            amount = order.currency_id.round(sum(order.lines.mapped("price_subtotal_incl")))
            message = _("order %(order)s (%(amount)s) deleted without an approval", order=order.name, amount=amount)
            order.session_id._lp_log_approval("cancel_order", "denied", {
                "requested_by": employee, "value": amount, "order_uuid": order.uuid, "message": message,
            }, detached=True)
            raise UserError(_("A synced order is cancelled at the till, where cancelling needs a supervisor's "
                              "approval (%s).", message))

    @api.model
    def search_paid_order_ids(self, config_id, domain, limit, offset):
        """The till's order list (Orders menu, and the refund button's search). A role that may
        neither browse orders nor refund gets no past order from the server either."""
        if not self.env.su:
            sessions = self.env["pos.session"].sudo().search([
                ("config_id", "=", config_id), ("state", "in", OPEN_SESSION_STATES)])
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
        """Flag each removal (see _lp_removed_lines) that no carried approval covers; a removal
        the actor's role allows alone is on record as within authority. One insert for all."""
        self.ensure_one()
        employee, role = self._lp_cashier()
        tokens = self._lp_tokens()
        if role._lp_requires_approval("split_bill") and tokens \
                and not self._lp_match_token(tokens, "split_bill", None, "pos.order", self.id, once=True):
            return  # one split approval covers every line the split moved
        vals_list = []
        own = _("within the authority of the role %(role)s", role=role.name)
        for line_id, product, old_qty, new_qty in removed:
            action = "reduce_qty" if new_qty else "delete_line"
            if not role._lp_requires_approval(action):
                vals_list.append(self._lp_log_vals(action, "within_authority", own, employee=employee,
                                                   product=product, old_value="%g" % old_qty,
                                                   new_value="%g" % new_qty))
                continue
            refusal = self._lp_match_token(tokens, action, old_qty - new_qty, "pos.order.line", line_id, once=True,
                                           product=product)
            if refusal:
                vals_list.append(self._lp_log_vals(
                    action, self._lp_flag_status(), _("%(product)s removed from a synced order: %(refusal)s",
                                                      product=product.display_name, refusal=refusal),
                    employee=employee, product=product, old_value="%g" % old_qty, new_value="%g" % new_qty))
        if vals_list:
            self.env["pos.approval.log"].sudo().create(vals_list)
