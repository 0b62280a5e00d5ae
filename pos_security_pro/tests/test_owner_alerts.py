"""Owner alerts (issue 13): per-till recipients, action filter, thresholds, burst window, mail queue."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import SecurityCommon


@tagged("post_install", "-at_install")
class TestOwnerAlerts(SecurityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls.env["res.partner"].create({"name": "Olive Owner", "email": "olive@example.com"})
        cls.config.write({
            "lp_alert_enabled": True,
            "lp_alert_partner_ids": [Command.set(cls.owner.ids)],
            "lp_alert_emails": "auditor@example.com, night.manager@example.com",
            "lp_alert_discount_threshold": 25.0,
            "lp_alert_amount_threshold": 100.0,
            "lp_alert_burst_minutes": 5,
        })
        cls.Alert = cls.env["pos.security.alert"]
        cls.cron = cls.env.ref("pos_security_pro.ir_cron_owner_alert")

    def alerts(self):
        return self.Alert.search([("config_id", "=", self.config.id)], order="id")

    def send(self):
        """The cron's run (it runs after the till's transaction committed); returns the new mails."""
        before = self.env["mail.mail"].search([]).ids
        self.Alert._cron_send_owner_alerts()
        return self.env["mail.mail"].search([("id", "not in", before)])

    def triggers(self):
        return self.env["ir.cron.trigger"].sudo().search_count([("cron_id", "=", self.cron.id)])

    # ------------------------------------------------------------------ what alerts
    def test_an_approved_refund_mails_every_recipient_with_full_context(self):
        triggers = self.triggers()
        result = self.approve("refund", 500.0, notes="customer returned a broken chair")
        self.assertTrue(result["ok"])
        alert = self.alerts()
        self.assertEqual(len(alert), 1, "an approved high-risk action alerts, not only a bypass")
        self.assertEqual(self.triggers(), triggers + 1, "the till's RPC only queues and triggers the cron")
        self.assertFalse(alert.sent_at)
        mail = self.send()
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing", "through Odoo's mail queue, never sent inside the RPC")
        for address in ("olive@example.com", "auditor@example.com", "night.manager@example.com"):
            self.assertIn(address, mail.email_to)
        self.assertIn("Refund", mail.subject)
        self.assertIn(self.config.name, mail.subject)
        log = self.env["pos.approval.log"].search([("action_type", "=", "refund"), ("status", "=", "approved")])
        for text in ("Carla Cashier", "Mona Manager", "500", "Price Error", "broken chair", self.session.name,
                     "/odoo/pos.approval.log/%s" % log.id):
            self.assertIn(text, mail.body_html)
        self.assertEqual(alert.mail_id, mail)
        self.assertFalse(self.send(), "each event is mailed once")

    def test_routine_sales_and_filtered_actions_mail_nobody(self):
        triggers = self.triggers()
        self.sync(self.order_data([(self.product, 2)]))  # a routine sale
        self.approve("discount", 10)  # below the 25 % threshold
        self.approve("refund", 40.0)  # below the 100.00 amount threshold
        self.config.lp_alert_action_ids = self.config.lp_alert_action_ids.filtered(lambda a: a.code != "cash_out")
        self.approve("cash_out", 800.0)  # not in the action filter
        self.assertFalse(self.alerts())
        self.assertEqual(self.triggers(), triggers, "nothing queued, no cron run scheduled")
        self.assertFalse(self.send())

    def test_thresholds_let_the_big_ones_through(self):
        self.approve("discount", 30)
        self.approve("refund", 100.0)
        self.assertEqual(self.alerts().mapped("action_code"), ["discount", "refund"])

    def test_disabled_alerts_queue_nothing(self):
        self.config.lp_alert_enabled = False
        self.approve("refund", 900.0)
        self.assertFalse(self.alerts())

    def test_a_burst_is_one_summary_mail_then_one_per_window(self):
        for value in (30, 40, 50):
            self.approve("discount", value)
        mail = self.send()
        self.assertEqual(len(mail), 1, "three events in a burst: one mail")
        self.assertIn("3 high-risk actions", mail.subject)
        self.assertEqual(mail.body_html.count("o_lp_owner_alert"), 3, "the summary lists every event")
        self.approve("discount", 60)
        self.assertFalse(self.send(), "within the burst window: waits")
        later = self.env["ir.cron.trigger"].sudo().search([("cron_id", "=", self.cron.id)], order="call_at desc",
                                                          limit=1)
        sent_at = self.alerts()[0].sent_at
        self.assertEqual(later.call_at, sent_at + timedelta(minutes=5), "the cron comes back when the window ends")
        self.alerts().filtered("sent_at").sudo().write({"sent_at": fields.Datetime.now() - timedelta(minutes=6)})
        mail = self.send()
        self.assertEqual(len(mail), 1)
        self.assertIn("Discount", mail.subject)

    def test_a_bypass_alerts_the_owner_instead_of_the_managers(self):
        self.manager_user.email = "mona@example.com"
        order = self.sync(self.order_data([(self.product, 1, 40)]))  # a discount beyond the cap, unapproved
        self.assertTrue(self.flags(order))
        alert = self.alerts()
        self.assertEqual(alert.status, "bypass")
        self.assertEqual((alert.res_model, alert.res_id), ("pos.approval.log", self.flags(order).id))
        mail = self.send()
        self.assertIn("olive@example.com", mail.email_to)
        before = self.env["mail.mail"].search([]).ids
        self.env["pos.approval.log"]._cron_send_security_alerts()
        self.assertFalse(self.env["mail.mail"].search([("id", "not in", before)]),
                         "this till's bypasses go to its own recipients, not twice")

    def test_a_pin_lockout_alerts_once(self):
        for _attempt in range(5):
            self.approve("discount", 30, pin="0000")
        self.approve("discount", 30, pin="0000")  # refused while locked: no second alert
        alert = self.alerts()
        self.assertEqual(alert.mapped("status"), ["pin_locked"])
        self.assertIn("PIN Lockout", self.send().body_html)

    def test_no_recipient_means_no_mail_and_no_backlog(self):
        self.config.write({"lp_alert_partner_ids": [Command.clear()], "lp_alert_emails": False})
        self.approve("refund", 500.0)
        self.assertFalse(self.send())
        self.assertTrue(self.alerts().sent_at, "not retried forever")

    # ------------------------------------------------------------------ who may change them
    def test_a_cashier_cannot_silence_the_alerts(self):
        config = self.config.with_user(self.till_user)
        for vals in ({"lp_alert_enabled": False}, {"lp_alert_emails": "me@example.com"},
                     {"lp_alert_action_ids": [Command.clear()]}, {"lp_alert_discount_threshold": 100},
                     {"lp_alert_burst_minutes": 10000}, {"lp_alert_on_bypass": False}):
            with self.assertRaises(AccessError):
                config.write(vals)
        self.config.with_user(self.manager_user).write({"lp_alert_burst_minutes": 10})
        self.assertEqual(self.config.lp_alert_burst_minutes, 10)

    def test_bad_addresses_and_negative_thresholds_are_refused(self):
        with self.assertRaises(ValidationError):
            self.config.lp_alert_emails = "owner@example.com, not an address"
        with self.assertRaises(ValidationError):
            self.config.lp_alert_discount_threshold = -5

    def test_the_alert_log_is_for_managers_of_the_company(self):
        self.approve("refund", 500.0)
        self.assertEqual(len(self.Alert.with_user(self.manager_user).search([])), 1)
        with self.assertRaises(AccessError):
            self.Alert.with_user(self.till_user).search([])
        with self.assertRaises(AccessError):
            self.alerts().with_user(self.manager_user).write({"approver": "nobody"})

    def test_the_daily_digest_goes_to_each_recipient_list(self):
        self.approve("discount", 20, pin="0000")  # a failed PIN at this till
        before = self.env["mail.mail"].search([]).ids
        self.env["pos.approval.log"]._cron_send_security_digest()
        mails = self.env["mail.mail"].search([("id", "not in", before)])
        mine = mails.filtered(lambda mail: "olive@example.com" in (mail.email_to or ""))
        self.assertEqual(len(mine), 1, "the till's recipients get its digest")
        self.assertIn("Failed PIN", mine.body_html)
        self.assertIn(self.config.name, mine.body_html)
