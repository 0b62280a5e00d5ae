"""Owner alerts as people use them (issue 13): a manager sets them up in the POS settings form, and the
link of an alert mail opens the evidence, whose buttons work. The ORM side is in test_owner_alerts.py
(including test_a_cashier_cannot_silence_the_alerts: a plain POS user cannot write these fields)."""

import re
from urllib.parse import urlsplit

import odoo
from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import SecurityCommon


@tagged("post_install", "-at_install")
class TestOwnerAlertsSettingsUi(TestPointOfSaleHttpCommon):
    def test_a_manager_sets_up_the_alerts_in_the_settings(self):
        config = self.main_pos_config
        config.write({"lp_alert_enabled": False, "lp_alert_emails": False, "lp_alert_partner_ids": [Command.clear()],
                      "lp_alert_action_ids": [Command.clear()], "lp_alert_discount_threshold": 20.0})
        # The shop's owner: POS manager and settings (pos_admin belongs to the tests' company).
        self.pos_admin.groups_id += self.env.ref("base.group_system")
        # The POS settings open on the shop modified last.
        self.env.flush_all()
        self.env.cr.execute("UPDATE pos_config SET write_date = now() + interval '1 hour' WHERE id = %s", [config.id])
        self.start_tour("/odoo/action-point_of_sale.action_pos_configuration", "LpOwnerAlertsSettings",
                        login="pos_admin")
        config.invalidate_recordset()
        self.assertTrue(config.lp_alert_enabled)
        self.assertEqual(config.lp_alert_emails, "night.owner@example.com")
        self.assertEqual(set(config.lp_alert_action_ids.mapped("code")), {"cash_out", "price"})
        self.assertEqual(config.lp_alert_discount_threshold, 15.0)
        self.assertFalse(config.lp_alert_partner_ids)


@tagged("post_install", "-at_install")
class TestOwnerAlertsUi(SecurityCommon, HttpCase):
    """The manager follows the link of the alert mail (as the cron sends it) in the web client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config.write({"lp_alert_enabled": True, "lp_alert_emails": "auditor@example.com",
                          "lp_alert_amount_threshold": 100.0})
        cls.Alert = cls.env["pos.security.alert"]

    def mailed_link(self):
        """Send the queued alert as the cron does; return the path of the mail's record link."""
        before = self.env["mail.mail"].search([]).ids
        self.Alert._cron_send_owner_alerts()
        mail = self.env["mail.mail"].search([("id", "not in", before)])
        self.assertEqual(len(mail), 1)
        links = re.findall(r'href="([^"]*/odoo/pos\.approval\.log/\d+)"', mail.body_html)
        self.assertEqual(len(links), 1, mail.body_html)
        url = urlsplit(links[0])
        self.assertEqual(url.netloc, urlsplit(self.base_url()).netloc, "the link points to this database")
        return url.path

    def tour(self, path, name):
        """start_tour as the manager. HttpCase keeps its HTTP session in ``self.session``, where
        SecurityCommon keeps the till's pos.session: lend it the attribute for the tour."""
        till_session, self.session = self.session, None
        try:
            self.start_tour(path, name, login=self.manager_user.login)
        finally:
            if self.session:
                odoo.http.root.session_store.delete(self.session)
            self.session = till_session

    def test_the_alert_link_opens_the_approved_refund(self):
        self.assertTrue(self.approve("refund", 500.0, notes="customer returned a broken chair")["ok"])
        log = self.env["pos.approval.log"].search([("action_type", "=", "refund"), ("status", "=", "approved")])
        path = self.mailed_link()
        self.assertEqual(path, "/odoo/pos.approval.log/%s" % log.id)
        self.tour(path, "LpAlertLinkOpensTheRefund")
        self.assertFalse(log.reviewed_by_id, "opening the evidence changes nothing")

    def test_the_alert_link_of_a_bypass_lets_the_manager_review_it(self):
        order = self.sync(self.order_data([(self.product, 1, 40)]))  # a discount beyond the cap, unapproved
        flag = self.flags(order)
        self.assertEqual(len(flag), 1)
        self.assertTrue(self.session._lp_unreviewed_flags())
        path = self.mailed_link()
        self.assertEqual(path, "/odoo/pos.approval.log/%s" % flag.id)
        self.tour(path, "LpAlertLinkReviewsTheBypass")
        self.assertEqual(flag.reviewed_by_id, self.manager_user)
        self.assertEqual(flag.review_note, "Checked the receipt with Carla")
        self.assertTrue(flag.reviewed_date)
        self.assertFalse(self.session._lp_unreviewed_flags(), "reviewed: the session may close")
