import { registry } from "@web/core/registry";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as NumberPopup from "@point_of_sale/../tests/tours/utils/number_popup_util";
import { clickApprove, fillApproval } from "@pos_loss_prevention_base/../tests/tours/utils/approval_util";

registry.category("web_tour.tours").add("PosLpOcaRemoveLineButton", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline("Desk Organizer", "1"),
            { content: "OCA's trash button", trigger: ".orderline .remove-line-button", run: "click" },
            {
                content: "the same prompt as the Backspace key: no silent removal",
                trigger: ".modal .modal-title:contains(Set the new quantity)",
            },
            NumberPopup.enterValue("0"),
            Dialog.confirm(),
            { trigger: ".o_lp_approver_dialog .modal-title:contains(Delete line approval)" },
            {
                content: "the line is still on the order while the approval is asked",
                trigger: ".orderline:contains(Desk Organizer)",
            },
            fillApproval({ approver: "Sam Supervisor", reason: "Wrong Item Entered", pin: "4826" }),
            clickApprove(),
            ProductScreen.orderIsEmpty(),
        ].flat(),
});
