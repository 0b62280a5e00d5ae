import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as StockPro from "@pos_stock_pro/../tests/tours/utils/stock_pro_util";
import { clickApprove } from "@pos_loss_prevention_base/../tests/tours/utils/approval_util";
import { registry } from "@web/core/registry";

function noOverrideDialog() {
    return {
        content: "no stock override dialog",
        trigger: "body:not(:has(.o_lp_approver_dialog))",
    };
}

function overrideNamesKit(component, kit) {
    return {
        content: `the override dialog names ${component} and the kit ${kit}`,
        trigger: `.o_lp_approver_dialog th:contains("${component} (in ${kit})")`,
    };
}

registry.category("web_tour.tours").add("PosStockProKitTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // 5 pots and 1.2 kg of soil; a kit takes 1 pot and 300 g.
            StockPro.badgeIs("Planter Kit", "4", "low"),
            // A kit in stock: Pay goes to payment, no dialog.
            ProductScreen.clickDisplayedProduct("Planter Kit"),
            ProductScreen.clickPayButton(false),
            PaymentScreen.isShown(),
            noOverrideDialog(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            // The sale moved the components: the kit's badge follows them.
            StockPro.badgeIs("Planter Kit", "3", "low"),
            // 4 kits need 1.2 kg of soil, 0.9 kg left: the gate names the kit and the short component.
            ProductScreen.clickDisplayedProduct("Planter Kit"),
            ProductScreen.clickNumpad("4"),
            ProductScreen.selectedOrderlineHas("Planter Kit", "4.00"),
            ProductScreen.clickPayButton(false),
            overrideNamesKit("Potting Soil", "Planter Kit"),
            StockPro.enterPin("4321"),
            StockPro.enterReason("Soil sack in the back room"),
            clickApprove(),
            PaymentScreen.isShown(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});
