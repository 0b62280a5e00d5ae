"""Server backstop at order sync: a finalised order is judged again; never lost, flagged when short."""

import logging

import psycopg2

from odoo import _, fields, models

from .pos_stock_gate import ACTION

_logger = logging.getLogger(__name__)


class PosOrder(models.Model):
    _inherit = "pos.order"

    pos_stock_override_token = fields.Char(
        "Stock Override Token", copy=False,
        help="Carried by the till with the order; consumed and cleared by the server at sync.")
    pos_stock_flagged = fields.Boolean(
        "Stock Shortfall Flag", copy=False, readonly=True, index=True,
        help="Sold beyond stock without a valid manager override: see the shortfall ledger.")

    def _process_order(self, order, existing_order):
        if order.get("state") == "draft":
            # A draft (restaurant, shared order) keeps its token until it is finalised.
            return super()._process_order(order, existing_order)
        token = order.pop("pos_stock_override_token", False) or (
            existing_order and existing_order.sudo().pos_stock_override_token)
        verdict = self._pos_stock_judge(order, existing_order, token)
        order_id = super()._process_order(order, existing_order)
        pos_order = self.browse(order_id)
        if pos_order.sudo().pos_stock_override_token:
            pos_order.sudo().pos_stock_override_token = False  # single use: never kept once judged
        if verdict:
            self._pos_stock_record_verdict(pos_order, verdict)
        return order_id

    def _pos_stock_judge(self, order, existing_order, token):
        """Shortfalls of a finalised order and what to do about them; never raises (but DB errors, for retry)."""
        try:
            # No exists(): core reads this session's row anyway (one statement less per sale).
            session = self.env["pos.session"].sudo().browse(order.get("session_id") or [])
            config = session.config_id
            uuid = order.get("uuid") or (existing_order and existing_order.uuid)
            if not config or (order.get("shipping_date") and config.ship_later):
                # Ship-later orders leave stock at delivery, judged by the stock app; a shipping date on a
                # till that does not ship later is the client's word only.
                return None
            lines = [command[2] for command in order.get("lines") or [] if command[0] in (0, 1)]
            Gate = self.env["pos.stock.gate"]
            requested = Gate._requested(config, lines, trusted=True)
            self.env["pos.stock.hold"]._pos_stock_release([uuid])
            if session.update_stock_at_closing and requested:
                # No quant moves until closing: tell the tills anyway.
                self.env["stock.quant"]._pos_stock_add_keys(
                    {(pid, config.pos_stock_location_id.id) for pid in requested})
            if not requested:
                return None
            shortfalls = Gate._evaluate(
                config, requested, order_uuid=uuid, lock="sync_closing" if session.update_stock_at_closing else "sync")
            verdict = {"session": session, "shortfalls": shortfalls, "outcome": None, "message": "", "token": None}
            if token:
                record, refusal = self.env["pos.approval.token"]._lp_consume(
                    token, session, ACTION, value=Gate._canonical(requested), order_uuid=uuid, res_model=self._name)
                verdict["token"] = record
                if not record and shortfalls:
                    verdict["message"] = _("Override refused: %(reason)s", reason=refusal)
            if not shortfalls:
                return None if not verdict["token"] else verdict
            if config.pos_stock_allow_negative or not session._lp_enforced():
                verdict["outcome"] = "gate_disabled"  # record-only: ledgered, never flagged
            elif not verdict["token"]:
                verdict["outcome"] = "bypass"
                verdict["message"] = verdict["message"] or _("Sold beyond stock without a manager override.")
            return verdict
        except psycopg2.DatabaseError:
            raise
        except Exception:  # noqa: BLE001 - a paid order must never be lost to a gate bug
            _logger.exception("POS stock gate could not judge order %s", order.get("uuid"))
            return None

    def _pos_stock_record_verdict(self, pos_order, verdict):
        if verdict["token"]:
            self.env.cr.execute(
                "UPDATE pos_approval_token SET consumed_res_id = %s WHERE id = %s",
                [pos_order.id, verdict["token"].id])
        if not verdict["outcome"]:
            return
        cashier = verdict["session"]._lp_till_actor(pos_order.employee_id.id)  # server's word, not the JSON's
        self.env["pos.stock.override.log"]._pos_stock_log(
            verdict["session"], verdict["outcome"], verdict["shortfalls"], order_id=pos_order.id,
            order_uuid=pos_order.uuid, message=verdict["message"] or False, cashier_id=cashier.id or False)
        if verdict["outcome"] == "bypass":
            pos_order.sudo().write({"pos_stock_flagged": True})
            products = ", ".join(line["name"] for line in verdict["shortfalls"])
            pos_order.sudo().message_post(body=_(
                "Stock shortfall without a valid manager override (%(products)s): %(message)s",
                products=products, message=verdict["message"]))
