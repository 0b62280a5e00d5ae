import { registry } from "@web/core/registry";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PosHr from "@pos_hr/../tests/tours/utils/pos_hr_helpers";
import { clickApprove, fillApproval } from "@pos_loss_prevention_base/../tests/tours/utils/approval_util";

// The tours' till locks after 10 seconds idle (set by the test). The tour only waits: while a
// step waits for its trigger, nothing touches the page, which is what "idle" means.
const lockedByItself = {
    content: "nobody touched the till for the timeout: it locked by itself",
    trigger: ".login-overlay .screen-login",
    timeout: 40000,
};

function openAs(name, pin) {
    return [Chrome.clickBtn("Open Register"), PosHr.login(name, pin), Dialog.confirm("Open Register")];
}

registry.category("web_tour.tours").add("PosSecurityAutoLock", {
    steps: () =>
        [
            ...openAs("Pos Employee1", "2580"),
            PosHr.cashierNameIs("Pos Employee1"),
            ProductScreen.addOrderline("Desk Organizer", "1"),
            lockedByItself,
            PosHr.refreshPage(),
            {
                content: "a reload of a locked till stays locked",
                trigger: ".login-overlay .screen-login",
            },
            Chrome.clickBtn("Unlock Register"),
            PosHr.login("Pos Employee1", "2580"),
            PosHr.cashierNameIs("Pos Employee1"),
            {
                content: "the order in progress is still there",
                trigger: ".order-container .orderline .product-name:contains(Desk Organizer)",
            },
        ].flat(),
});

registry.category("web_tour.tours").add("PosSecurityAutoLockSupervisor", {
    steps: () =>
        [
            ...openAs("Pos Employee1", "2580"),
            PosHr.cashierNameIs("Pos Employee1"),
            lockedByItself,
            {
                content: "the till's lock report reaches the server before the reload",
                trigger: ".login-overlay .screen-login",
                run: () => new Promise((resolve) => setTimeout(resolve, 1500)),
            },
            PosHr.refreshPage(),
            Chrome.clickBtn("Unlock Register"),
            PosHr.login("Pos Employee1", "2580"),
            {
                content: "the cashier's own PIN is not enough: a supervisor must approve the unlock",
                trigger: ".o_lp_approver_dialog .o_lp_approval_lines:contains(Unlock after auto-lock):contains(Pos Employee1)",
            },
            fillApproval({ approver: "Sam Supervisor", reason: "Back from break", pin: "0000" }),
            clickApprove(),
            {
                content: "the server refuses a wrong supervisor PIN",
                trigger: ".o_lp_approver_dialog .o_lp_approval_error:contains(Wrong PIN)",
            },
            { trigger: ".o_lp_approver_dialog .o_lp_pin", run: "edit 4826" },
            clickApprove(),
            PosHr.cashierNameIs("Pos Employee1"),
            ProductScreen.isShown(),
        ].flat(),
});

registry.category("web_tour.tours").add("PosSecurityAutoLockSparesTerminalPayment", {
    steps: () =>
        [
            ...openAs("Pos Employee1", "2580"),
            ProductScreen.addOrderline("Desk Organizer", "1"),
            {
                content: "a terminal is handling the payment (as a card terminal or a CashDro does)",
                trigger: ".product-screen",
                run() {
                    const pos = window.posmodel;
                    const order = pos.get_order();
                    const method = pos.models["pos.payment.method"].getAll()[0];
                    const line = order.add_paymentline(method);
                    line.set_payment_status("waitingCard");
                    window.lpTerminalLine = line;
                },
            },
            {
                content: "idle beyond the timeout, the till does not lock while the terminal works",
                trigger: ".product-screen",
                timeout: 30000,
                async run() {
                    await new Promise((resolve) => setTimeout(resolve, 14000));
                    if (document.querySelector(".login-overlay .screen-login")) {
                        throw new Error("the till locked during a terminal payment");
                    }
                    window.lpTerminalLine.set_payment_status("done");
                },
            },
            { ...lockedByItself, content: "the payment ended, still idle: the till locks" },
        ].flat(),
});
