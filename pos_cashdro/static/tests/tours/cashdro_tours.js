import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as Numpad from "@point_of_sale/../tests/tours/utils/numpad_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as PosHr from "@pos_hr/../tests/tours/utils/pos_hr_helpers";
import { registry } from "@web/core/registry";
import { clickApprove, fillApproval } from "@pos_loss_prevention_base/../tests/tours/utils/approval_util";

// The Python tests start each simulator with its control API on the port after its HTTP port
// (tests/common.py), so the tour finds a machine's control API from its payment method.
const SIMULATOR_METHODS = { A: "CashDro", B: "CashDro B" };

function controlUrl(sim) {
    const pm = window.posmodel.models["pos.payment.method"].find(
        (m) => m.name === SIMULATOR_METHODS[sim]
    );
    return `http://127.0.0.1:${pm.cashdro_port + 1}/__fake__`;
}

/** A step that acts at the machine (customer inserting cash, technician, network) via its control API. */
function machine(command, params = {}, sim = "A") {
    return {
        content: `simulator ${sim}: ${command} ${JSON.stringify(params)}`,
        trigger: "body",
        run: async () => {
            const response = await fetch(`${controlUrl(sim)}/${command}?${new URLSearchParams(params)}`);
            const result = await response.json();
            if (result.ok === false) {
                throw new Error(`simulator ${command} failed: ${JSON.stringify(result)}`);
            }
        },
    };
}

const insert = (values, sim = "A") => machine("insert", { values, wait_for_state: "E" }, sim);

function openRegister() {
    return [Chrome.startPoS(), Dialog.confirm("Open Register")].flat();
}

/** The opening popup closes once the server recorded the opening (and read the machine's levels). */
const registerOpened = { content: "the register is open", trigger: "body:not(:has(.modal))" };

function payWithCashdro(product, name = "CashDro") {
    return [
        ProductScreen.clickDisplayedProduct(product),
        ProductScreen.clickPayButton(),
        PaymentScreen.clickPaymentMethod(name),
        {
            content: "the line shows the cash counted by the machine",
            trigger: ".paymentline.electronic_payment .o_cashdro_inserted",
        },
    ].flat();
}

function insertedIs(amount) {
    return {
        content: `the machine counted ${amount}`,
        trigger: `.paymentline.electronic_payment .o_cashdro_inserted:contains("${amount}")`,
    };
}

function dialogSays(text) {
    return [
        { content: `dialog says ${text}`, trigger: `.modal-body:contains("${text}")` },
        Dialog.confirm(),
    ];
}

registry.category("web_tour.tours").add("CashdroFullPaymentTour", {
    steps: () =>
        [
            openRegister(),
            payWithCashdro("CashDro Widget"),
            // Partial deposits over time: the line follows the machine.
            insert("1000"),
            insertedIs("10.00"),
            insert("500"),
            insertedIs("15.00"),
            insert("200,200"),
            // 18.20 asked, 19.00 inserted, 0.80 given back: the order is validated automatically.
            ReceiptScreen.isShown(),
            {
                content: "the receipt shows the cash inserted and the change the machine gave",
                trigger: ".pos-receipt .o_cashdro_receipt:contains('19.00') .o_cashdro_receipt_change:contains('0.80')",
            },
            ReceiptScreen.clickNextOrder(),
        ].flat(),
});

registry.category("web_tour.tours").add("CashdroCancelTour", {
    steps: () =>
        [
            openRegister(),
            payWithCashdro("CashDro Widget"),
            insert("500"),
            insertedIs("5.00"),
            {
                content: "cancel: the cashier presses the line's Cancel button",
                trigger: ".paymentline .send_payment_cancel",
                run: "click",
            },
            // The machine returns the 5.00; nothing is kept, the line goes back to "retry".
            {
                content: "line back to retry",
                trigger: ".paymentline.electronic_payment .electronic_status:contains('Transaction cancelled')",
            },
            {
                content: "the cashier is told the cash was given back, and how much",
                trigger: ".o_notification:contains('the CashDro gave'):contains('5.00')",
            },
            PaymentScreen.clickPaymentlineDelButton("CashDro", "18.20"),
            PaymentScreen.emptyPaymentlines("18.20"),
        ].flat(),
});

registry.category("web_tour.tours").add("CashdroNetworkDropTour", {
    steps: () =>
        [
            openRegister(),
            payWithCashdro("CashDro Widget"),
            insert("1000"),
            insertedIs("10.00"),
            // The LAN drops: every request is reset, the machine keeps collecting.
            machine("network", { fault: "reset" }),
            {
                content: "the line says the connection is lost",
                trigger: ".paymentline.electronic_payment .o_cashdro_offline",
            },
            insert("1000"),
            machine("network", { fault: "" }),
            // Back online: the POS reads the true final state (20.00 in, 1.80 out).
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
        ].flat(),
});

registry.category("web_tour.tours").add("CashdroErrorsTour", {
    steps: () =>
        [
            openRegister(),
            // Someone uses the machine's own screen: busy.
            machine("busy", { amount: "500" }),
            ProductScreen.clickDisplayedProduct("CashDro Widget"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("CashDro"),
            dialogSays("busy with another operation (code -2)"),
            machine("release"),
            // Wrong password on the machine side.
            machine("set_user", { name: "pos", password: "9999", types: "3,4" }),
            {
                content: "retry",
                trigger: ".paymentline.electronic_payment .send_payment_request",
                run: "click",
            },
            dialogSays("refused the user or password (code -1)"),
            machine("set_user", { name: "pos", password: "0000", types: "4" }),
            {
                content: "retry once more",
                trigger: ".paymentline.electronic_payment .send_payment_request",
                run: "click",
            },
            insert("2000"),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
        ].flat(),
});

registry.category("web_tour.tours").add("CashdroRefundTour", {
    steps: () =>
        [
            openRegister(),
            ProductScreen.clickDisplayedProduct("CashDro Widget"),
            Numpad.click("+/-"),
            ProductScreen.selectedOrderlineHas("CashDro Widget", "-1.00"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("CashDro"),
            // Payout (type 3): the machine dispenses 18.20 on its own.
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
        ].flat(),
});

registry.category("web_tour.tours").add("CashdroSecondRegisterTour", {
    steps: () =>
        [
            openRegister(),
            payWithCashdro("CashDro Widget", "CashDro B"),
            insert("2000", "B"),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
        ].flat(),
});

registry.category("web_tour.tours").add("CashdroReloadTour", {
    steps: () =>
        [
            openRegister(),
            payWithCashdro("CashDro Widget"),
            insert("1000"),
            insertedIs("10.00"),
            {
                content: "the browser reloads in the middle of the operation",
                trigger: "body",
                run: () => window.location.reload(),
                expectUnloadPage: true,
            },
            ProductScreen.clickPayButton(),
            {
                content: "after the reload the POS follows the same operation",
                trigger: ".paymentline.electronic_payment .o_cashdro_inserted:contains('10.00')",
            },
            insert("1000"),
            {
                content: "the line ends in the machine's true state",
                trigger: ".paymentline.electronic_payment .electronic_status:contains('Payment Successful')",
            },
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
        ].flat(),
});

/** 20 sales in a row, for the latency figure (F on the machine -> line done in the POS). */
registry.category("web_tour.tours").add("CashdroLatencyTour", {
    steps: () =>
        [
            openRegister(),
            ...Array.from({ length: 20 }, () => [
                payWithCashdro("CashDro Widget"),
                // A customer inserts cash at a random moment of the poll cycle, not in step with it.
                {
                    content: "customer looks for a note",
                    trigger: "body",
                    run: () => new Promise((resolve) => setTimeout(resolve, Math.random() * 1000)),
                },
                insert("2000"),
                ReceiptScreen.isShown(),
                ReceiptScreen.clickNextOrder(),
            ]),
        ].flat(2),
});

registry.category("web_tour.tours").add("CashdroClosingWarningTour", {
    steps: () =>
        [
            openRegister(),
            Chrome.clickMenuOption("Close Register"),
            {
                content: "the closing popup lists the operation the machine never saw imported",
                trigger: ".close-pos-popup .o_cashdro_pending_warning:contains('not imported')",
            },
        ].flat(),
});

registry.category("web_tour.tours").add("CashdroChangeNotAvailableTour", {
    steps: () =>
        [
            openRegister(),
            payWithCashdro("CashDro Widget"),
            // 50.00 for 18.20: the machine only has 20.00 + 3.40 of change to give.
            insert("5000"),
            dialogSays("could not give"),
            {
                content: "the line is booked at what the machine kept",
                trigger: ".paymentline .payment-amount:contains('26.60')",
            },
            PaymentScreen.changeIs("8.40"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
        ].flat(),
});

registry.category("web_tour.tours").add("CashdroCertificateTour", {
    steps: () =>
        [
            openRegister(),
            ProductScreen.clickDisplayedProduct("CashDro Widget"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("CashDro TLS"),
            // The browser refuses the machine's self-signed certificate: the POS says what to do.
            {
                content: "diagnosis: certificate not accepted yet",
                trigger: ".modal-body:contains('its certificate must be accepted first')",
            },
            {
                content: "the dialog offers to open the machine's page",
                trigger: ".modal-footer .btn-primary:contains('Open the CashDro page')",
            },
            Dialog.cancel(),
            {
                content: "the line can be retried once the certificate is accepted",
                trigger: ".paymentline.electronic_payment .send_payment_request",
            },
        ].flat(),
});

registry.category("web_tour.tours").add("CashdroLostStartTour", {
    steps: () =>
        [
            openRegister(),
            // The machine creates the sale but its answer to startOperation never arrives.
            machine("network", { fault: "drop_after_commit", count: 1, operation: "startOperation" }),
            payWithCashdro("CashDro Widget"),
            insert("2000"),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
        ].flat(),
});

registry.category("web_tour.tours").add("CashdroReversalTour", {
    steps: () =>
        [
            openRegister(),
            payWithCashdro("CashDro Widget"),
            insert("2000"),
            {
                content: "paid (the register does not validate terminal payments by itself here)",
                trigger: ".paymentline.electronic_payment .electronic_status:contains('Payment Successful')",
            },
            {
                content: "the cashier reverses the CashDro payment: the machine pays it back",
                trigger: ".paymentline.electronic_payment .send_payment_reversal",
                run: "click",
            },
            {
                content: "reversed",
                trigger: ".paymentline.electronic_payment .electronic_status:contains('Payment reversed')",
            },
        ].flat(),
});

registry.category("web_tour.tours").add("CashdroLostAcknowledgeCancelTour", {
    steps: () =>
        [
            openRegister(),
            ProductScreen.clickDisplayedProduct("CashDro Widget"),
            ProductScreen.clickPayButton(),
            // Every acknowledge and every cancel is lost on the way to the machine.
            machine("network", { fault: "reset", operation: "acknowledgeOperationId,finishOperation" }),
            PaymentScreen.clickPaymentMethod("CashDro"),
            {
                content: "a lost acknowledge does not fail the line: it waits for the machine",
                trigger: ".paymentline.electronic_payment .send_payment_cancel",
            },
            {
                content: "the cashier cancels the line (its cancel is lost too)",
                trigger: ".paymentline .send_payment_cancel",
                run: "click",
            },
            // The network comes back: the next poll sees state I and must cancel, not acknowledge.
            machine("network", { fault: "" }),
            {
                content: "nothing was inserted: the cashier is told so",
                trigger: ".o_notification:contains('no cash had been inserted')",
            },
            {
                content: "line back to retry",
                trigger: ".paymentline.electronic_payment .electronic_status:contains('Transaction cancelled')",
            },
            PaymentScreen.clickPaymentlineDelButton("CashDro", "18.20"),
            PaymentScreen.emptyPaymentlines("18.20"),
        ].flat(),
});

// Issue 11: the operator withdraws 50.00 at the machine's own screen during the session. The
// closing popup lists that operation, the machine's level is the count, the guard refuses the
// difference and a manager approves it with a PIN.
registry.category("web_tour.tours").add("CashdroClosingScreenWithdrawalTour", {
    steps: () =>
        [
            openRegister(),
            registerOpened,
            machine("withdraw", { amount: 5000 }),
            Chrome.clickMenuOption("Close Register"),
            {
                content: "the popup lists the withdrawal made at the machine's screen",
                trigger: ".close-pos-popup .o_cashdro_foreign_operation:contains('Withdrawal'):contains('50.00')",
            },
            {
                content: "the machine holds 50.00 less than Odoo expects",
                trigger: ".close-pos-popup .o_cashdro_reconciliation .o_cashdro_difference:contains('50.00')",
            },
            ProductScreen.closeWithCashAmount("0"),
            Dialog.confirm("Close Register"),
            {
                content: "the guard refuses the machine's difference",
                trigger: ".o_guard_blocked_dialog .o_guard_method_row:contains('CashDro') .o_guard_method_difference:contains('50.00')",
            },
            {
                content: "the refusal names the operation made at the machine's screen",
                trigger: ".o_guard_blocked_dialog .o_guard_method_evidence:contains('Withdrawal (type 2)')",
            },
            { trigger: ".o_guard_blocked_dialog .o_guard_override", run: "click" },
            fillApproval({ approver: "Mona Manager", reason: "Operator took 50 to the bank", pin: "1357" }),
            clickApprove({ expectUnloadPage: true }),
            { content: "the session is closed: the POS offers the way back", trigger: "button:contains(backend)" },
        ].flat(),
});

// The machine does not answer the server at closing: the popup says so, the cashier types a
// count, and only a manager's PIN closes.
registry.category("web_tour.tours").add("CashdroClosingMachineNotReadTour", {
    steps: () =>
        [
            openRegister(),
            registerOpened,
            machine("network", { fault: "reset", operation: "getPiecesCurrency" }),
            Chrome.clickMenuOption("Close Register"),
            {
                content: "the popup says the machine was not read",
                trigger: ".close-pos-popup .o_cashdro_not_read:contains('machine not read')",
            },
            ProductScreen.closeWithCashAmount("0"),
            Dialog.confirm("Close Register"),
            {
                content: "a count nobody can check needs a manager",
                trigger: ".o_guard_blocked_dialog .o_guard_method_evidence:contains('machine not read')",
            },
            { trigger: ".o_guard_blocked_dialog .o_guard_override", run: "click" },
            fillApproval({ approver: "Mona Manager", reason: "Machine off, counted by hand", pin: "1357" }),
            clickApprove({ expectUnloadPage: true }),
            { content: "the session is closed: the POS offers the way back", trigger: "button:contains(backend)" },
        ].flat(),
});

// Cash in / cash out through the machine (the register's cash method is the CashDro).
function cashMove(type, amount, reason) {
    return [
        Chrome.clickMenuButton(),
        Chrome.clickMenuDropdownOption("Cash In/Out"),
        { content: `cash ${type}`, trigger: `.modal .input-type:contains("Cash ${type}")`, run: "click" },
        { content: `amount ${amount}`, trigger: ".modal .input-amount input", run: `edit ${amount}` },
        Chrome.fillTextArea(".cash-reason", reason),
        {
            content: "the popup says the CashDro does the move",
            trigger: ".modal .o_cashdro_cash_move",
        },
        Dialog.confirm("Confirm"),
    ];
}
const cashMoveDone = { content: "the cash move is booked", trigger: "body:not(:has(.modal))" };

registry.category("web_tour.tours").add("CashdroCashMoveTour", {
    steps: () =>
        [
            openRegister(),
            registerOpened,
            cashMove("In", "50", "Float"),
            { content: "the till waits for the operator", trigger: ".modal .o_cashdro_cash_move_running" },
            // The operator feeds 20 + 20 + 20 into the machine: 60.00 is what it counted.
            insert("2000,2000,2000"),
            cashMoveDone,
            machine("set_mode", { mode: "out_of_service" }),
            cashMove("Out", "20", "Bank"),
            {
                content: "a machine error books nothing and says so",
                trigger: ".modal:has(.modal-body:contains(Nothing was booked)):contains(out of service) .modal-footer .btn-primary",
                run: "click",
            },
            machine("set_mode", { mode: "normal" }),
            { content: "the cash move popup is still open", trigger: ".modal .o_cashdro_cash_move" },
            Dialog.confirm("Confirm"),
            cashMoveDone,
        ].flat(),
});

// The README's screenshot: the closing popup with the CashDro's row and the operation made at the
// machine's screen (tests/test_readme_screenshot.py, on demand).
registry.category("web_tour.tours").add("CashdroClosingScreenshotTour", {
    steps: () =>
        [
            openRegister(),
            registerOpened,
            machine("withdraw", { amount: 5000 }),
            Chrome.clickMenuOption("Close Register"),
            {
                content: "the popup lists the withdrawal made at the machine's screen",
                trigger: ".close-pos-popup .o_cashdro_foreign_operation:contains('Withdrawal')",
            },
            {
                content: "screenshot",
                trigger: ".close-pos-popup .o_cashdro_reconciliation",
                run: async () => {
                    document.activeElement?.blur();
                    console.log("lp-readme-screenshot");
                    await new Promise((resolve) => setTimeout(resolve, 3000));
                },
            },
        ].flat(),
});

// With pos_security_pro's auto-lock (10 s, set by the test): a CashDro payment that takes longer
// than the timeout is never interrupted; the till locks once it is over and nobody touched it.
registry.category("web_tour.tours").add("CashdroAutoLockSparesPaymentTour", {
    steps: () =>
        [
            Chrome.clickBtn("Open Register"),
            PosHr.login("Pos Employee1", "2580"),
            Dialog.confirm("Open Register"),
            payWithCashdro("CashDro Widget"),
            insert("1000"),
            insertedIs("10.00"),
            {
                content: "the customer is slow: idle beyond the timeout while the machine waits for cash",
                trigger: ".paymentline.electronic_payment .o_cashdro_inserted",
                timeout: 30000,
                async run() {
                    await new Promise((resolve) => setTimeout(resolve, 14000));
                    if (document.querySelector(".login-overlay .screen-login")) {
                        throw new Error("the till locked during a CashDro payment");
                    }
                },
            },
            insert("500,200,200"),
            ReceiptScreen.isShown(),
            {
                content: "the payment is over and nobody touches the till: it locks by itself",
                trigger: ".receipt-screen",
                timeout: 45000,
                async run() {
                    for (let waited = 0; waited < 40; waited++) {
                        if (document.querySelector(".login-overlay .screen-login")) {
                            return;
                        }
                        await new Promise((resolve) => setTimeout(resolve, 1000));
                    }
                    const pos = window.posmodel;
                    const order = pos.get_order();
                    throw new Error(
                        `not locked 40 s after the payment: screen ${pos.mainScreen.component?.name}, ` +
                            `in progress ${pos.lpPaymentInProgress()}, watcher ${Boolean(pos.lpLockWatcher)}, ` +
                            `lines ${JSON.stringify(order?.payment_ids?.map((l) => l.payment_status))}`
                    );
                },
            },
        ].flat(),
});
