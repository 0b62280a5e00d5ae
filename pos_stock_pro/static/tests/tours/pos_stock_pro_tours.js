import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as StockPro from "@pos_stock_pro/../tests/tours/utils/stock_pro_util";
import { clickApprove } from "@pos_loss_prevention_base/../tests/tours/utils/approval_util";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("PosStockProBadgeTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            StockPro.badgeIs("Stock High", "50", "high"),
            StockPro.badgeIs("Stock Medium", "8", "medium"),
            StockPro.badgeIs("Stock Low", "3", "low"),
            StockPro.badgeIs("Stock Out", "0", "out"),
            StockPro.noBadge("Stock Service"),
            StockPro.healthCountIs("2"),
        ].flat(),
});

registry.category("web_tour.tours").add("PosStockProPushTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            StockPro.badgeIs("Stock Low", "3", "low"),
            StockPro.adjustInventory("Stock Low", 42),
            StockPro.badgeIs("Stock Low", "42", "high"),
        ].flat(),
});

registry.category("web_tour.tours").add("PosStockProOverrideTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Stock Low"),
            ProductScreen.clickNumpad("5"),
            ProductScreen.selectedOrderlineHas("Stock Low", "5.00"),
            ProductScreen.clickPayButton(false),
            StockPro.overrideDialogShows("Stock Low"),
            StockPro.enterPin("0000"),
            StockPro.enterReason("Customer takes the display units"),
            clickApprove(),
            StockPro.approvalErrorShown(),
            StockPro.enterPin("4321"),
            clickApprove(),
            PaymentScreen.isShown(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});

registry.category("web_tour.tours").add("PosStockProTooltipTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            StockPro.openLocations("Stock Low"),
            StockPro.locationRowShows("BACK/Stock", "7"),
            StockPro.requestTransfer("BACK/Stock"),
            StockPro.transferRequested(),
        ].flat(),
});

registry.category("web_tour.tours").add("PosStockProRoutineSaleTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Stock High"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});

registry.category("web_tour.tours").add("PosStockProVariantTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // Demo data: Conference Chair Steel 26 + Aluminium 30; Acoustic Bloc Screens: Wood 16, White 0.
            StockPro.badgeIs("Conference Chair", "56", "high"),
            StockPro.badgeIs("Acoustic Bloc Screens", "16", "high"),
            StockPro.openLocations("Conference Chair"),
            StockPro.locationVariantRowShows("Back Store", "Steel", "12"),
            ProductScreen.clickDisplayedProduct("Conference Chair"),
            StockPro.variantRowShows("Steel", "26"),
            StockPro.variantRowShows("Aluminium", "30"),
            Dialog.discard(),
        ].flat(),
});

registry.category("web_tour.tours").add("PosStockProNoPollWhileConnectedTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            StockPro.websocketConnected(),
            // Polling interval 1 s in this test: 30 polls would have happened without the websocket check.
            StockPro.noPollFor(30000),
            StockPro.dropWebsocket(),
            StockPro.pollsResume(2),
        ].flat(),
});

registry.category("web_tour.tours").add("PosStockProOfflineTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            StockPro.badgeIs("Stock Last", "1", "low"),
            StockPro.goOffline(),
            // First offline sale of the last unit: the till's own figure allows it.
            ProductScreen.clickDisplayedProduct("Stock Last"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            // Odoo's own notice of the lost connection, raised by the order that could not sync.
            Dialog.confirm("Continue with limited functionality"),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            StockPro.badgeIs("Stock Last", "0", "out"),
            // Second offline sale of it: the gate judges against the decremented figure.
            ProductScreen.clickDisplayedProduct("Stock Last"),
            ProductScreen.clickPayButton(false),
            StockPro.offlineGateShows("Stock Last"),
            Dialog.confirm(),
            ProductScreen.isShown(),
            StockPro.noRequestSinceOffline(),
            // Meanwhile another till sold the unit (the server's truth drops to 0 before our order syncs).
            StockPro.adjustInventory("Stock Last", 0),
            StockPro.goOnline(),
            StockPro.ordersSynced(),
            // The truth after sync (0 - 1 sold here) replaces the local 0, and is not decremented twice (-2).
            StockPro.badgeIs("Stock Last", "-1", "out"),
        ].flat(),
});

registry.category("web_tour.tours").add("PosStockProLowWarningTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // Stock Medium: 8 on hand, Low tier 5. Two units leave 6: no notice; the third leaves 5.
            ProductScreen.clickDisplayedProduct("Stock Medium"),
            ProductScreen.clickDisplayedProduct("Stock Medium"),
            ProductScreen.selectedOrderlineHas("Stock Medium", "2.00"),
            StockPro.noLowStockWarning("Stock Medium"),
            ProductScreen.clickDisplayedProduct("Stock Medium"),
            ProductScreen.selectedOrderlineHas("Stock Medium", "3.00"),
            StockPro.lowStockWarningShows("Stock Medium"),
        ].flat(),
});

registry.category("web_tour.tours").add("PosStockProNoLowWarningTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Stock Medium"),
            ProductScreen.clickDisplayedProduct("Stock Medium"),
            ProductScreen.clickDisplayedProduct("Stock Medium"),
            ProductScreen.selectedOrderlineHas("Stock Medium", "3.00"),
            StockPro.noLowStockWarning("Stock Medium"),
        ].flat(),
});
