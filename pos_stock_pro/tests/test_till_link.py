from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import StockProCommon


@tagged("post_install", "-at_install")
class TestTillLink(StockProCommon):
    """The health banner: which mode each open till is actually in, from a bus probe or its polls."""

    def link(self, session):
        return self.env["pos.stock.till.link"].search([("session_id", "=", session.id)])

    def mode(self, session):
        return self.link(session)._pos_stock_status()[0]

    def test_probe_goes_through_the_bus_and_the_answer_proves_real_time(self):
        session = self.open_till()
        tills = self.env["pos.stock.till.link"]._pos_stock_open_tills(self.company)
        self.assertEqual([row["mode"] for row in tills if row["config"] == self.config], ["unknown"])
        self.assertEqual(self.config.with_user(self.manager_user).pos_stock_probe_tills(), 1)
        self.env.cr.precommit.run()  # the bus rows are inserted at commit
        message = self.env["bus.bus"].sudo().search([("channel", "like", self.config.access_token)], order="id desc",
                                                   limit=1)
        self.assertIn("POS_STOCK_PRO_PROBE", message.message)
        self.assertEqual(self.mode(session), "probing", "sent, not answered yet")
        session.pos_stock_probe_answer("realtime", 12.0)  # what the till does when the message reaches it
        link = self.link(session)
        self.assertEqual(self.mode(session), "realtime")
        self.assertAlmostEqual((link.probe_answered_at - link.last_push_at).total_seconds(), 12.0, delta=1)
        settings = self.env["res.config.settings"].create({"pos_config_id": self.config.id})
        self.assertIn("data-mode='realtime'", settings.lp_stock_tills_html)

    def test_polls_say_polling_and_silence_says_offline(self):
        session = self.open_till()
        self.config.with_user(self.till_user).pos_stock_poll(0, [self.plenty.id])
        self.assertEqual(self.mode(session), "polling", "the poll is the heartbeat")
        link = self.link(session).sudo()
        long_ago = fields.Datetime.now() - timedelta(minutes=10)
        link.write({"polled_at": long_ago, "probe_sent_at": fields.Datetime.now() - timedelta(minutes=1)})
        self.assertEqual(link._pos_stock_status(), ("offline", long_ago), "probed, no answer, no poll")

    def test_only_tills_answer_and_only_managers_probe(self):
        session = self.open_till()
        outsider = self.env["res.users"].create({
            "name": "Nobody", "login": "stk_nobody", "groups_id": [Command.set(self.env.ref("base.group_user").ids)]})
        with self.assertRaises(AccessError):
            session.with_user(outsider).pos_stock_probe_answer("realtime", 1)
        with self.assertRaises(AccessError):
            self.config.with_user(self.till_user).pos_stock_probe_tills()
