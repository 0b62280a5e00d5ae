"""The simulator speaks the CashDro protocol as the vendor manual describes it."""

import json
import ssl
import time
from urllib.error import URLError
from urllib.request import urlopen

from odoo.tests import BaseCase, tagged

from .common import SimulatorClient, start_simulator


@tagged("post_install", "-at_install")
class TestCashdroSimulator(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sim = start_simulator(cls, currency="EUR")
        cls.client = SimulatorClient(cls.sim)

    def setUp(self):
        super().setUp()
        self.client.control("reset_all")
        self.client.control("set", auto_ack_ms="50", dispense_ms_per_piece="10", bill_take_ms="0")

    def op_fields(self, op_id):
        return self.client.call("askOperation", operationId=op_id)["response"]["operation"]["operation"]

    def test_sale_with_change_and_import(self):
        op_id = self.client.start_sale(1825, posid="till-1", aliasid="line-uuid")
        self.assertEqual(self.op_fields(op_id)["state"] in ("Q", "E"), True)
        results = self.client.control("insert", values="1000", wait_for_state="E")["results"]
        self.assertTrue(results[0]["accepted"])
        self.assertEqual(self.op_fields(op_id)["totalin"], "1000", "partial deposit visible while E")
        self.client.control("insert", values="500,200,200")
        op = self.client.wait_state(op_id)
        fields = op["operation"]
        # 0.75 owed: the machine gives 0.76 (it rounds up to its 2-cent unit, in the customer's favour).
        self.assertEqual((fields["totalin"], fields["totalout"], fields["aliasid"], fields["roundValue"]),
                         ("1900", "-76", "line-uuid", "-1"))
        outs = {p["value"]: p["unitsoutrecycler"] for d in op["devices"] for p in d["pieces"]
                if p["unitsoutrecycler"] != "0"}
        self.assertEqual(outs, {"50": "1", "20": "1", "2": "3"})
        pending = self.client.call("askPendingOperations", terminal="till-1")["response"]["pendingOperations"]
        self.assertEqual(pending, [{"OperationId": op_id}])
        self.assertEqual(self.client.call("setOperationImported", operationId=op_id)["code"], 1)
        pending = self.client.call("askPendingOperations", terminal="till-1")["response"]["pendingOperations"]
        self.assertEqual(pending, [])

    def test_envelope_and_errors(self):
        bad = SimulatorClient(self.sim, password="nope")
        self.assertEqual(bad.call("doTest"), {"code": -1, "response": {"errorMessage": "Authentication Failed"}})
        self.assertEqual(self.client.call("doTest"), {"code": 1, "response": {"errorMessage": "none"}})
        self.assertEqual(self.client.call("nonsense")["code"], -99)
        self.assertEqual(self.client.call("startOperation", type=4, parameters='{"amount": "0"}')["code"], -3)
        self.assertEqual(self.client.call("startOperation", type=16, parameters='{"amount": "10"}')["code"], -4)
        self.assertEqual(self.client.call("askOperation", operationId="1")["code"], -2)
        self.client.start_sale(100)
        busy = self.client.call("startOperation", type=4, parameters='{"amount": "100"}')
        self.assertEqual(busy, {"code": -2, "response": {"errorMessage": "Operation not queued"}})
        for mode, code in (("system_busy", -1900), ("out_of_service", -998), ("service_stopped", -999)):
            self.client.control("reset_all")
            self.client.control("set_mode", mode=mode)
            self.assertEqual(self.client.call("startOperation", type=4, parameters='{"amount": "1"}')["code"], code)

    def test_busy_detected_with_ask_operation_executing(self):
        idle = self.client.call("askOperationExecuting")["response"]["operation"]["OperationId"]
        self.assertEqual(idle, "-1")
        other = self.client.control("busy", amount="500")["operationId"]
        running = self.client.call("askOperationExecuting")["response"]["operation"]["OperationId"]
        self.assertEqual(running, other)
        self.client.control("release")
        self.assertEqual(self.client.call("askOperationExecuting")["response"]["operation"]["OperationId"], "-1")

    def test_cancel_returns_inserted_cash(self):
        op_id = self.client.start_sale(1000)
        self.client.control("insert", values="500", wait_for_state="E")
        self.assertEqual(self.client.call("finishOperation", operationId=op_id, type=2)["code"], 1)
        fields = self.client.wait_state(op_id)["operation"]
        self.assertEqual((fields["totalin"], fields["totalout"], fields["canceled"]), ("500", "-500", "1"))
        self.assertEqual(self.client.call("finishOperation", operationId=op_id, type=2)["code"], -2)

    def test_finish_type_1_keeps_partial(self):
        op_id = self.client.start_sale(1000)
        self.client.control("insert", values="200", wait_for_state="E")
        self.client.call("finishOperation", operationId=op_id, type=1)
        fields = self.client.wait_state(op_id)["operation"]
        self.assertEqual((fields["totalin"], fields["totalout"]), ("200", "0"))

    def test_rounding_in_customers_favour(self):
        # 1.03 paid with 2.00: 0.97 cannot be given (no 1-cent coins), 0.98 is.
        op_id = self.client.start_sale(103)
        self.client.control("insert", values="200", wait_for_state="E")
        fields = self.client.wait_state(op_id)["operation"]
        self.assertEqual((fields["totalin"], fields["totalout"], fields["roundValue"]), ("200", "-98", "-1"))
        # 1.03 paid with 1.02: the last cent cannot be asked for.
        op_id = self.client.start_sale(103)
        self.client.control("insert", values="100,2", wait_for_state="E")
        fields = self.client.wait_state(op_id)["operation"]
        self.assertEqual((fields["totalin"], fields["totalout"], fields["roundValue"]), ("102", "0", "-1"))

    def test_change_not_available(self):
        for value in (5, 10, 20, 50, 100, 200, 500, 1000):
            self.client.control("set_level", value=value, recycler=0)
        self.client.control("set_level", value=2, recycler=1)
        op_id = self.client.start_sale(1000)
        # With change control on, the note that needs unavailable change is handed back.
        res = self.client.control("insert", values="2000", wait_for_state="E")["results"][0]
        self.assertEqual((res["accepted"], res["message"]), (False, 0))
        self.client.control("set", change_control="false")
        self.client.control("insert", values="2000")
        fields = self.client.wait_state(op_id)["operation"]
        self.assertEqual((fields["totalin"], fields["totalout"], fields["amountchangenotavailable"]),
                         ("2000", "-2", "998"))

    def test_payout_rounded_up(self):
        # Payout 5.01 dispenses 5.02 (homologation table of the manual).
        op_id = self.client.start_sale(501, op_type=3)
        fields = self.client.wait_state(op_id)["operation"]
        self.assertEqual((fields["totalin"], fields["totalout"], fields["roundValue"]), ("0", "-502", "-1"))

    def test_zero_and_three_decimal_currencies(self):
        cases = (("JPY", 1200, "1000,500", "-300"), ("KWD", 1250, "1000,500", "-250"))
        for currency, amount, inserted, change in cases:
            sim = start_simulator(type(self), currency=currency)
            client = SimulatorClient(sim)
            op_id = client.start_sale(amount)
            client.control("insert", values=inserted, wait_for_state="E")
            self.assertEqual(client.wait_state(op_id)["operation"]["totalout"], change, currency)
            sim.stop()

    def test_usd_machine_reports_dollars(self):
        """A USD shop's machine: dollar denominations, and every piece reported as USD (not EUR)."""
        sim = start_simulator(type(self), currency="USD")
        client = SimulatorClient(sim)
        op_id = client.start_sale(1820)
        client.control("insert", values="2000", wait_for_state="E")
        payload = client.wait_state(op_id)
        self.assertEqual(payload["operation"]["totalout"], "-180")
        currencies = {piece["currencyid"] for device in payload["devices"] for piece in device["pieces"]}
        self.assertEqual(currencies, {"USD"})
        self.assertIn("25", {piece["value"] for device in payload["devices"] for piece in device["pieces"]})
        sim.stop()

    def test_demo_service_takes_the_shop_currency(self):
        import importlib.machinery
        import importlib.util
        import os

        from odoo.tests.common import get_db_name

        path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "tools", "demo_service")
        loader = importlib.machinery.SourceFileLoader("pos_cashdro_demo_service", path)
        spec = importlib.util.spec_from_loader(loader.name, loader)
        module = importlib.util.module_from_spec(spec)
        loader.exec_module(module)
        os.environ["LP_DEMO_DB"] = get_db_name()
        try:
            self.assertEqual(module.shop_currency(), "USD", "the test database's shop sells in dollars")
        finally:
            del os.environ["LP_DEMO_DB"]

    def test_network_faults_and_operation_keeps_running(self):
        op_id = self.client.start_sale(500)
        self.client.control("network", fault="reset")
        with self.assertRaises((URLError, ConnectionError, OSError)):
            self.client.call("askOperation", operationId=op_id)
        self.client.control("insert", values="500", wait_for_state="E")
        time.sleep(0.1)
        self.client.control("network", fault="")
        self.assertEqual(self.client.wait_state(op_id)["operation"]["totalin"], "500")

    def test_https_self_signed_and_cors(self):
        with self.assertRaises(URLError):
            urlopen(f"{self.sim.https_url}/Cashdro3WS/index3.php?operation=doTest", timeout=5)
        context = ssl.create_default_context(cafile=self.sim.cert_path)
        with urlopen(f"{self.sim.https_url}/Cashdro3WS/index3.php?operation=doTest&name=pos&password=0000",
                     context=context, timeout=5) as response:
            self.assertEqual(json.loads(response.read())["code"], 1)
            self.assertEqual(response.headers["Access-Control-Allow-Origin"], "*")

    def test_http_off_by_default(self):
        sim = start_simulator(type(self), ports=(0, None, 0))
        self.assertIsNone(sim.http_port)
        self.assertIsNone(sim.http_url)
        self.assertEqual(sim.servers[0].server_address[0], "127.0.0.1")
        sim.stop()
