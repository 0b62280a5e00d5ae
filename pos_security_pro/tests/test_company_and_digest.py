from odoo.tests import tagged

from .common import SecurityCommon


@tagged("post_install", "-at_install")
class TestCompanyAndDigest(SecurityCommon):
    def test_log_rows_stay_in_their_company(self):
        other = self.env["res.company"].create({"name": "Other Shop Co"})
        self.approve("discount", 20)
        foreign = self.env["pos.approval.log"].sudo().create({
            "company_id": other.id, "action_type": "discount", "status": "denied", "message": "elsewhere"})
        visible = self.env["pos.approval.log"].with_user(self.manager_user).search([])
        self.assertTrue(visible)
        self.assertNotIn(foreign, visible)
        # each company has its own chain
        self.assertEqual(foreign.evidence_sequence, 1)
        self.assertFalse(self.env["pos.approval.log"]._evidence_verify_chain(other)[1])

    def test_daily_digest_mails_the_managers(self):
        self.manager_user.email = "mona@example.com"
        self.approve("discount", 20, pin="0000")  # a failed PIN
        self.sync(self.order_data([(self.product, 1, 40)]))  # a bypass
        before = self.env["mail.mail"].search_count([])
        self.env["pos.approval.log"]._cron_send_security_digest()
        mails = self.env["mail.mail"].search([], order="id desc", limit=self.env["mail.mail"].search_count([]) - before)
        mail = mails.filtered(lambda m: "mona@example.com" in (m.email_to or ""))
        self.assertEqual(len(mail), 1)
        self.assertIn("Failed PIN", mail.body_html)
        self.assertIn("Bypass", mail.body_html)

    def test_daily_digest_carries_each_chain_head(self):
        """Issue 17 item 9b: a copy of each chain's head hash outside the database."""
        self.manager_user.email = "mona@example.com"
        self.approve("discount", 20, pin="0000")  # an approval log row and a PIN attempt row
        heads = {head["model"]: head for head in self.env["pos.evidence.witness"]._lp_chain_heads(self.company)}
        last = self.env["pos.approval.log"].search([("company_id", "=", self.company.id)], limit=1)
        self.assertEqual(heads["pos.approval.log"]["hash"], last.evidence_hash)
        self.assertEqual(heads["pos.approval.log"]["count"], last.evidence_sequence)
        before = self.env["mail.mail"].search([]).ids
        self.env["pos.approval.log"]._cron_send_security_digest()
        mail = self.env["mail.mail"].search([("id", "not in", before), ("email_to", "ilike", "mona@example.com")])
        self.assertEqual(len(mail), 1)
        self.assertIn(last.evidence_hash, mail.body_html)
        self.assertIn(heads["pos.pin.attempt.log"]["hash"], mail.body_html)

    def test_a_bypass_alerts_the_managers_within_minutes(self):
        self.manager_user.email = "mona@example.com"
        cron = self.env.ref("pos_security_pro.ir_cron_security_alert")
        Trigger = self.env["ir.cron.trigger"].sudo()
        triggers_before = Trigger.search_count([("cron_id", "=", cron.id)])
        self.sync(self.order_data([(self.product, 1)]))  # routine sale: nothing scheduled
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), triggers_before)
        order = self.sync(self.order_data([(self.product, 1, 40)]))  # discount beyond the cap
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), triggers_before + 1,
                         "the sync only schedules the alert")
        Mail = self.env["mail.mail"]
        before = Mail.search([]).ids
        self.env["pos.approval.log"]._cron_send_security_alerts()
        mail = Mail.search([("id", "not in", before), ("email_to", "ilike", "mona@example.com")])
        self.assertEqual(len(mail), 1)
        self.assertIn("security alert", mail.subject)
        self.assertIn("Bypass", mail.body_html)
        flag = self.env["pos.approval.log"].search([("order_id", "=", order.id), ("status", "=", "bypass")])
        self.assertTrue(flag.alert_sent_at)
        self.assertFalse(flag._evidence_verify_chain(self.company)[1], "the alert stamp is outside the hash")
        self.env["pos.approval.log"]._cron_send_security_alerts()
        self.assertFalse(Mail.search([("id", "not in", before + mail.ids)]), "each bypass is alerted once")
