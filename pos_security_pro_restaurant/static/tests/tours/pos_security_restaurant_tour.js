import { registry } from "@web/core/registry";
import { delay } from "@odoo/hoot-dom";
import * as ChromePos from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as ChromeRestaurant from "@pos_restaurant/../tests/tours/utils/chrome";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as FloorScreen from "@pos_restaurant/../tests/tours/utils/floor_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as SplitBillScreen from "@pos_restaurant/../tests/tours/utils/split_bill_screen_util";
import { clickApprove, fillApproval } from "@pos_loss_prevention_base/../tests/tours/utils/approval_util";

const Chrome = { ...ChromePos, ...ChromeRestaurant };
const approverDialog = ".o_lp_approver_dialog";
const supervisor = { approver: "Sam Supervisor", reason: "Customer Changed Mind", pin: "4826" };

registry.category("web_tour.tours").add("PosSecurityRestaurantSplitTransfer", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            FloorScreen.clickTable("2"),
            ProductScreen.clickDisplayedProduct("Water"),
            ProductScreen.clickDisplayedProduct("Water"),
            ProductScreen.clickDisplayedProduct("Coca-Cola"),
            ProductScreen.clickControlButton("Split"),
            SplitBillScreen.clickOrderline("Water"),
            SplitBillScreen.clickPay(),
            {
                content: "the split needs a supervisor",
                trigger: `${approverDialog} .o_lp_approval_lines:contains(Moved to the new bill)`,
            },
            fillApproval(supervisor),
            clickApprove(),
            Chrome.activeTableOrOrderIs("2B"),
            Chrome.clickPlanButton(),
            FloorScreen.clickTable("2"),
            ProductScreen.clickControlButton("Transfer"),
            {
                content: "pick table 4 (the transfer listens on the document: let it attach)",
                trigger: ".floor-map .table:has(.label:contains(4))",
                async run(helpers) {
                    await delay(500);
                    await helpers.click();
                },
            },
            {
                content: "moving the order to another table needs a supervisor",
                trigger: `${approverDialog} .o_lp_approval_lines:contains(To table)`,
            },
            fillApproval(supervisor),
            clickApprove(),
            Chrome.activeTableOrOrderIs("4"),
            ProductScreen.totalAmountIs("4.40"),
        ].flat(),
});

registry.category("web_tour.tours").add("PosSecurityRestaurantWaiterNoPlanEdit", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            FloorScreen.isShown(),
            Chrome.clickMenuButton(),
            {
                content: "the waiter's menu has no Edit Plan entry",
                trigger: ".pos-burger-menu-items:contains(Switch Floor View):not(:contains(Edit Plan))",
            },
        ].flat(),
});
