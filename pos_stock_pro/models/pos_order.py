"""Server backstop at order sync: a finalised order is judged again; never lost, flagged when short."""

import json
import logging

import psycopg2

from odoo import _, fields, models

from .pos_stock_gate import ACTION

_logger = logging.getLogger(__name__)


class PosOrder(models.Model):
    _inherit = "pos.order"

    # Deprecated (18.0.1.2.0): the stock override travels in the base's carrier, lp_approval_tokens,
    # like every approval. Kept one version so that a till still running the previous code (or
    # a draft synced by it) is understood: its token is moved to the carrier, never stored here.
    pos_stock_override_token = fields.Char(
        "Stock Override Token (deprecated)", copy=False,
        help="Previous carrier of the stock override token; now in Approval Tokens.")
    pos_stock_flagged = fields.Boolean(
        "Stock Shortfall Flag", copy=False, readonly=True, index=True,
        help="Sold beyond stock without a valid manager override: see the shortfall ledger.")

    def _process_order(self, order, existing_order):
        legacy = order.pop("pos_stock_override_token", False)
        if legacy:
            tokens = self.browse()._lp_approval_tokens(order.get("lp_approval_tokens"))
            order["lp_approval_tokens"] = json.dumps(tokens + [legacy] if legacy not in tokens else tokens)
        if order.get("state") == "draft":
            # A draft (restaurant, shared order) keeps its tokens on the order until it is finalised.
            return super()._process_order(order, existing_order)
        tokens = (existing_order or self.browse()).sudo()._lp_approval_tokens(order.get("lp_approval_tokens"))
        verdict = self._pos_stock_judge(order, existing_order, tokens)
        order_id = super()._process_order(order, existing_order)
        if verdict:
            self._pos_stock_record_verdict(self.browse(order_id), verdict)
        return order_id

    def _pos_stock_judge(self, order, existing_order, tokens):
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
            if tokens:
                # The base's one consume: another action's token (a discount's) is skipped, never used.
                # A new order does not exist yet: the token is linked to it once created.
                record, refusal = session._lp_consume_approval(
                    tokens, ACTION, value=Gate._canonical(requested), record=existing_order or self.browse(),
                    order_uuid=uuid)
                verdict["token"] = record
                if not record and shortfalls and refusal != _("no approval token"):
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
            verdict["token"]._lp_link_consumed(pos_order)
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
