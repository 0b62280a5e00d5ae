"""The README's screenshot of the closing popup's CashDro row, on demand only.

``LP_TEST_TAGS=lp_readme bin/suite-test pos_cashdro pos_session_guard``: a tour opens the closing
popup after an operator withdrew 50.00 at the machine's screen and asks for a screenshot (console
message), which headless Chromium takes; the test copies it to static/description/. Tagged out of
the standard run: it writes into the source tree.
"""

import pathlib
import shutil
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tests.common import ChromeBrowser
from odoo.tools import config

from .test_frontend import CashdroHttpCommon

SIGNAL = "lp-readme-screenshot"
TARGET = pathlib.Path(__file__).parent.parent / "static" / "description" / "cashdro_closing_dialog.png"


@tagged("post_install", "-at_install", "-standard", "lp_readme")
class TestCashdroReadmeScreenshot(CashdroHttpCommon):
    def test_closing_dialog_screenshot(self):
        currency = self.main_pos_config.currency_id.name
        self.machine_a.control("set_currency", code=currency)
        self.addCleanup(self.machine_a.control, "set_currency", code="EUR")
        self.machine_a.control("set", auto_ack_ms="50", dispense_ms_per_piece="10", bill_take_ms="0")
        self.cashdro_pm.cashdro_tz = "UTC"
        original = ChromeBrowser._handle_console

        def handle_console(browser, type, args=None, stackTrace=None, **kw):  # noqa: A002
            if args and args[0].get("value") == SIGNAL:
                browser.take_screenshot("cashdro_closing_")
            return original(browser, type, args=args, stackTrace=stackTrace, **kw)

        self.main_pos_config.with_user(self.pos_user).open_ui()
        with patch.object(ChromeBrowser, "_handle_console", handle_console):
            self.start_pos_tour("CashdroClosingScreenshotTour", login="pos_user")
        folder = pathlib.Path(config["screenshots"]) / self.env.cr.dbname / "screenshots"
        shots = sorted(folder.glob("cashdro_closing_*.png"), key=lambda p: p.stat().st_mtime)
        self.assertTrue(shots, f"no screenshot in {folder}")
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shots[-1], TARGET)
