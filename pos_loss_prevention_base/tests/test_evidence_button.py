from odoo.tests import tagged

from .common import EvidenceButtonCase


@tagged("post_install", "-at_install")
class TestPinAttemptVerifyButton(EvidenceButtonCase):
    def test_verify_integrity_button_from_the_web_client(self):
        self.assert_verify_button("pos.pin.attempt.log", [
            {"action": "test", "outcome": "pin_failed", "message": f"try {i}"} for i in range(3)])
