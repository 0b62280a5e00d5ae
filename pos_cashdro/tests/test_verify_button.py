from odoo.tests import tagged

from odoo.addons.pos_loss_prevention_base.tests.common import EvidenceButtonCase


@tagged("post_install", "-at_install")
class TestVerifyIntegrityButton(EvidenceButtonCase):
    """The list header button of CashDro Operations, through the web client's route."""

    def test_verify_integrity_button_from_the_web_client(self):
        self.assert_verify_button("pos.cashdro.operation.log", [
            {"event": "start", "operation_id": str(100 + i), "message": f"row {i}"} for i in range(3)])
