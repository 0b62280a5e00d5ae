import { registry } from "@web/core/registry";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";

// The owner reads the setup checklist in the POS settings and switches enforcement on.
registry.category("web_tour.tours").add("LpSwitchEnforcementOn", {
    steps: () => [
        {
            content: "installed into a running shop, the suite observes",
            trigger: "#pos_lp_enforcement:contains(Observing)",
        },
        {
            content: "the checklist says what enforcement needs",
            trigger: "#pos_lp_enforcement li:contains(have an approval PIN)",
        },
        {
            trigger: "#pos_lp_enforcement li:contains(Closing guard)",
        },
        {
            content: "switch enforcement on",
            trigger: "#pos_lp_enforcement button[name=action_pos_lp_enforce]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the shop now enforces",
            trigger: "#pos_lp_enforcement:contains(Enforcing)",
        },
    ],
});

// The next session of the till meets the first gate: the closing guard.
registry.category("web_tour.tours").add("LpFirstGateAfterEnforcement", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            Chrome.clickMenuOption("Close Register"),
            {
                content: "enforced: a cashier no longer copies the expected amount into the count",
                trigger: ".modal .close-pos-popup:not(:has(button.fa-clone))",
            },
            ProductScreen.closeWithCashAmount("40"),
            Dialog.confirm("Close Register"),
            {
                content: "the closing guard refuses the difference",
                trigger: ".o_guard_blocked_dialog .o_guard_difference:contains(40.00)",
            },
        ].flat(),
});
