"""How each open till actually gets its stock: real-time (websocket), polling, or not heard of.

No heartbeat of its own while the websocket is up. Two pieces of evidence only:
- a poll (the fallback's own call) stamps the till "polling";
- the settings' "Probe the tills" sends one bus message to every open till; a till answers it with one
  RPC, which proves the round trip server -> websocket worker -> till -> server, and reports when the
  till last received a stock message over the bus.
One row per session, written by sudo from those two calls (a separate table, so a poll never locks the
session row an order sync may be writing).
"""

from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.pos_loss_prevention_base.models.pos_session import OPEN_SESSION_STATES

PROBE_MESSAGE = "POS_STOCK_PRO_PROBE"
# A poll rewrites its row at most this often (a 1 s poller costs one write every 10 s).
SEEN_WRITE_SECONDS = 10
# A till that has not answered a probe this long after it was sent is not reachable by the bus.
PROBE_WAIT_SECONDS = 15


class PosStockTillLink(models.Model):
    _name = "pos.stock.till.link"
    _description = "POS Stock Till Link"
    _log_access = False

    session_id = fields.Many2one("pos.session", required=True, ondelete="cascade", index=True)
    config_id = fields.Many2one(related="session_id.config_id")
    polled_at = fields.Datetime(readonly=True)
    probe_sent_at = fields.Datetime(readonly=True)
    probe_answered_at = fields.Datetime(readonly=True)
    last_push_at = fields.Datetime("Last Stock Message", readonly=True,
                                   help="When the till last received a stock message over the bus.")
    till_mode = fields.Selection(
        [("realtime", "Real-time"), ("polling", "Polling")], readonly=True,
        help="What the till said it runs when it answered the last probe.")

    _sql_constraints = [("session_unique", "UNIQUE(session_id)", "One link row per session.")]

    @api.model
    def _pos_stock_row(self, session):
        link = self.sudo().search([("session_id", "=", session.id)], limit=1)
        if link:
            return link
        # Two tabs of one till may poll at the same moment: never fail a poll on the unique constraint.
        self.env.cr.execute(
            "INSERT INTO pos_stock_till_link (session_id) VALUES (%s) ON CONFLICT (session_id) DO NOTHING",
            [session.id])
        return self.sudo().search([("session_id", "=", session.id)], limit=1)

    @api.model
    def _pos_stock_seen(self, session, mode):
        """A poll arrived from this session's till (throttled write)."""
        if not session:
            return
        link = self._pos_stock_row(session)
        now = fields.Datetime.now()
        if not link.polled_at or now - link.polled_at >= timedelta(seconds=SEEN_WRITE_SECONDS):
            link.polled_at = now

    @api.model
    def _pos_stock_probe(self, company):
        """Send one probe message to every open till of the company; return the number of tills probed."""
        sessions = self.env["pos.session"].sudo().search(
            [("state", "in", OPEN_SESSION_STATES), ("config_id.company_id", "=", company.id)])
        now = fields.Datetime.now()
        for session in sessions:
            self._pos_stock_row(session).probe_sent_at = now
            session.config_id._notify(PROBE_MESSAGE, {"session_id": session.id})
        return len(sessions)

    @api.model
    def _pos_stock_answer(self, session, mode, push_age):
        link = self._pos_stock_row(session)
        now = fields.Datetime.now()
        vals = {"probe_answered_at": now, "till_mode": "polling" if mode == "polling" else "realtime"}
        if push_age is not None and float(push_age) >= 0:
            vals["last_push_at"] = now - timedelta(seconds=float(push_age))
        link.write(vals)

    # ------------------------------------------------------------------ what the banner says
    def _pos_stock_status(self, now=None):
        """(mode, last seen) of this session's till: realtime / polling / probing / offline / unknown."""
        self.ensure_one()
        now = now or fields.Datetime.now()
        config = self.session_id.config_id
        poll_window = timedelta(seconds=max(30, 3 * (config.pos_stock_poll_interval or 5)))
        answered, polled, sent = self.probe_answered_at, self.polled_at, self.probe_sent_at
        if polled and now - polled <= poll_window and (not answered or polled > answered):
            return "polling", polled
        if answered and (not sent or answered >= sent):
            return self.till_mode or "realtime", answered
        if not sent and not answered:
            return "unknown", polled or False
        if sent and now - sent <= timedelta(seconds=PROBE_WAIT_SECONDS):
            return "probing", max(filter(None, (answered, polled)), default=False)
        return "offline", max(filter(None, (answered, polled)), default=False)

    @api.model
    def _pos_stock_open_tills(self, company):
        """[{session, config, mode, seen, last_push}] for every open till of the company (one row each)."""
        sessions = self.env["pos.session"].sudo().search(
            [("state", "in", OPEN_SESSION_STATES), ("config_id.company_id", "=", company.id)], order="config_id, id")
        links = {link.session_id.id: link for link in self.sudo().search([("session_id", "in", sessions.ids)])}
        rows = []
        for session in sessions:
            link = links.get(session.id)
            mode, seen = link._pos_stock_status() if link else ("unknown", False)
            rows.append({"session": session, "config": session.config_id, "mode": mode, "seen": seen,
                         "last_push": link.last_push_at if link else False})
        return rows
