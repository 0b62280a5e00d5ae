import { registry } from "@web/core/registry";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as PosHr from "@pos_hr/../tests/tours/utils/pos_hr_helpers";
import { clickApprove, fillApproval } from "@pos_loss_prevention_base/../tests/tours/utils/approval_util";

registry.category("web_tour.tours").add("SessionGuardBlockThenOverride", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            Chrome.clickMenuOption("Close Register"),
            {
                content: "a cashier cannot copy the expected amount into the count",
                trigger: ".modal .close-pos-popup:not(:has(button.fa-clone))",
            },
            ProductScreen.closeWithCashAmount("40"),
            Dialog.confirm("Close Register"),
            {
                content: "the guard shows the figures",
                trigger: ".o_guard_blocked_dialog .o_guard_difference:contains(40.00)",
            },
            {
                trigger: ".o_guard_blocked_dialog .o_guard_expected:contains(0.00)",
            },
            {
                content: "call a manager",
                trigger: ".o_guard_blocked_dialog .o_guard_override",
                run: "click",
            },
            fillApproval({ approver: "Mona Manager", reason: "Customer paid twice", pin: "0000" }),
            clickApprove(),
            {
                content: "a wrong PIN is refused by the server, the dialog stays",
                trigger: ".o_lp_approver_dialog .o_lp_approval_error:contains(Wrong PIN)",
            },
            { trigger: ".o_lp_approver_dialog .o_lp_pin", run: "edit 1357" },
            {
                trigger: ".o_lp_approver_dialog .o_lp_approve",
                run: "click",
                expectUnloadPage: true,
            },
            {
                trigger: "button:contains(backend)",
                run: "click",
                expectUnloadPage: true,
            },
            {
                trigger: "body",
                expectUnloadPage: true,
            },
        ].flat(),
});

registry.category("web_tour.tours").add("SessionGuardEmployeeLogin", {
    steps: () =>
        [
            Chrome.clickBtn("Open Register"),
            // An advanced employee needs a login PIN with the suite (PIN-less stronger roles are refused).
            PosHr.login("Test Employee 3", "5652"),
            Dialog.confirm("Open Register"),
            ProductScreen.isShown(),
            PosHr.cashierNameIs("Test Employee 3"),
            Chrome.clickMenuOption("Close Register"),
            {
                content: "the employee at the till may not copy the expected amount",
                trigger: ".modal .close-pos-popup:not(:has(button.fa-clone))",
            },
            ProductScreen.closeWithCashAmount("25"),
            Dialog.confirm("Close Register"),
            { trigger: ".o_guard_blocked_dialog .o_guard_difference:contains(25.00)" },
            { trigger: ".o_guard_blocked_dialog .o_guard_override", run: "click" },
            fillApproval({ approver: "Mitchell Admin", reason: "Float not counted at opening", pin: "1357" }),
            clickApprove({ expectUnloadPage: true }),
            { content: "the session is closed: the POS offers the way back", trigger: "button:contains(backend)" },
        ].flat(),
});

registry.category("web_tour.tours").add("SessionGuardSecondCashDrawer", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Drawer Widget"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Cash Drawer 2"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.clickNextOrder(),
            Chrome.clickMenuOption("Close Register"),
            {
                content: "the second cash drawer has its own row, with the cash the server expects in it",
                trigger: ".close-pos-popup .o_guard_cash_method:contains('Cash Drawer 2'):contains('30.00')",
            },
            ProductScreen.closeWithCashAmount("0"),
            {
                content: "the cashier counts the second drawer too",
                trigger: ".close-pos-popup div:has(> span:contains('Cash Drawer 2 Count')) input",
                run: "edit 20",
            },
            Dialog.confirm("Close Register"),
            {
                content: "the guard refuses, drawer by drawer",
                trigger: ".o_guard_blocked_dialog .o_guard_method_row:contains('Cash Drawer 2') .o_guard_method_difference:contains('10.00')",
            },
            { trigger: ".o_guard_blocked_dialog .o_guard_override", run: "click" },
            fillApproval({ approver: "Mona Manager", reason: "Drawer 2 float moved to the safe", pin: "1357" }),
            clickApprove({ expectUnloadPage: true }),
            { content: "the session is closed: the POS offers the way back", trigger: "button:contains(backend)" },
        ].flat(),
});
