from odoo.tests import tagged

from odoo.addons.pos_loss_prevention_base.tests.common import EvidenceButtonCase


@tagged("post_install", "-at_install")
class TestVerifyIntegrityButton(EvidenceButtonCase):
    """The list header button of Closing Differences, through the web client's route."""

    def test_verify_integrity_button_from_the_web_client(self):
        session = self.lp_session()
        self.assert_verify_button("pos.session.guard.log", [
            {"session_id": session.id, "currency_id": session.currency_id.id, "outcome": "blocked",
             "expected": 10.0, "counted": 10.0 - i} for i in range(3)])
