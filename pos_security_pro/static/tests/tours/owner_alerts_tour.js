import { registry } from "@web/core/registry";

// The owner sets up Email Alerts in the POS settings, as a manager does (tests/test_owner_alerts_ui.py).
const alerts = "#pos_lp_alert_setting"; // the block has no id in the page, its setting has

registry.category("web_tour.tours").add("LpOwnerAlertsSettings", {
    steps: () => [
        {
            content: "the Owner Alerts block of the POS settings",
            trigger: `${alerts}:contains(Enable Email Alerts)`,
        },
        {
            content: "the recipients are hidden while alerts are off",
            trigger: `${alerts}:not(:has(.o_field_widget[name=pos_lp_alert_emails]))`,
        },
        {
            content: "tick Enable Email Alerts",
            trigger: `${alerts} .o_field_widget[name=pos_lp_alert_enabled] input[type=checkbox]`,
            run: "click",
        },
        {
            content: "a plain address in Other emails",
            trigger: `${alerts} .o_field_widget[name=pos_lp_alert_emails] input`,
            run: "edit night.owner@example.com",
        },
        {
            content: "the action filter: look for Cash Out",
            trigger: `${alerts} .o_field_widget[name=pos_lp_alert_action_ids] input`,
            run: "edit Cash Out",
        },
        {
            content: "pick Cash Out",
            trigger: ".o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item a:contains(Cash Out)",
            run: "click",
        },
        {
            trigger: `${alerts} .o_field_widget[name=pos_lp_alert_action_ids] .o_tag:contains(Cash Out)`,
        },
        {
            content: "the action filter: look for Price Change",
            trigger: `${alerts} .o_field_widget[name=pos_lp_alert_action_ids] input`,
            run: "edit Price",
        },
        {
            content: "pick Price Change",
            trigger: ".o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item a:contains(Price Change)",
            run: "click",
        },
        {
            trigger: `${alerts} .o_field_widget[name=pos_lp_alert_action_ids] .o_tag:contains(Price Change)`,
        },
        {
            content: "discounts alert from 15 %",
            trigger: `${alerts} .o_field_widget[name=pos_lp_alert_discount_threshold] input`,
            run: "edit 15",
        },
        {
            content: "save the settings",
            trigger: ".o_control_panel .o_form_button_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "saved: the settings show the owner's choice again",
            trigger: `${alerts} .o_field_widget[name=pos_lp_alert_emails] input:value(night.owner@example.com)`,
        },
        {
            trigger: `${alerts} .o_field_widget[name=pos_lp_alert_action_ids] .o_tag:contains(Cash Out)`,
        },
        {
            content: "nothing left unsaved",
            trigger: ".o_control_panel:not(:has(.o_dirty_warning))",
        },
    ],
});

// The link of an owner alert mail opens the approval log row it is about.
const form = ".o_form_view .o_form_sheet";

registry.category("web_tour.tours").add("LpAlertLinkOpensTheRefund", {
    steps: () => [
        {
            content: "the approval log form, not a list or an error",
            trigger: `${form} .oe_title:contains(Refund)`,
        },
        { trigger: `${form} .o_field_widget[name=action_type]:contains(Refund)` },
        { trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Approved)" },
        { content: "the cashier", trigger: `${form} .o_field_widget[name=requested_by_id]:contains(Carla Cashier)` },
        { content: "the approver", trigger: `${form} .o_field_widget[name=approved_by_id]:contains(Mona Manager)` },
        { content: "the amount", trigger: `${form} .o_field_widget[name=new_value]:contains(500)` },
        { trigger: `${form} .o_field_widget[name=reason]:contains(Price Error)` },
        { trigger: `${form} .o_field_widget[name=notes]:contains(broken chair)` },
        {
            content: "an approved row is not for review: no Mark Reviewed button",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_mark_reviewed]))",
        },
        // The evidence's links: the till's session and the cashier, then back to the row.
        { trigger: `${form} .o_field_widget[name=session_id] a`, run: "click" },
        { content: "the session's form", trigger: ".o_last_breadcrumb_item:contains(POS/)" },
        { trigger: ".o_form_view .o_form_sheet" },
        { trigger: ".o_breadcrumb .o_back_button", run: "click" },
        { trigger: `${form} .o_field_widget[name=requested_by_id] a`, run: "click" },
        { content: "the cashier's employee form", trigger: ".o_last_breadcrumb_item:contains(Carla Cashier)" },
        { trigger: ".o_form_view .o_form_sheet" },
        { trigger: ".o_breadcrumb .o_back_button", run: "click" },
        { content: "back on the refund", trigger: `${form} .o_field_widget[name=new_value]:contains(500)` },
    ],
});

registry.category("web_tour.tours").add("LpAlertLinkReviewsTheBypass", {
    steps: () => [
        { trigger: `${form} .o_field_widget[name=action_type]:contains(Discount)` },
        { trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Bypass)" },
        {
            content: "the manager writes what they found",
            trigger: `${form} .o_field_widget[name=review_note] textarea`,
            run: "edit Checked the receipt with Carla",
        },
        {
            content: "Mark Reviewed",
            trigger: ".o_form_view .o_form_statusbar button[name=action_mark_reviewed]",
            run: "click",
        },
        {
            content: "reviewed by the manager, the button is gone",
            trigger: `${form} .o_field_widget[name=reviewed_by_id]:contains(Shop Manager)`,
        },
        { trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_mark_reviewed]))" },
        {
            content: "the note is kept and now read-only",
            trigger: `${form} .o_field_widget[name=review_note]:not(:has(textarea)):contains(Checked the receipt)`,
        },
        { trigger: ".o_form_view .o_form_status_indicator:not(:has(.o_form_button_save:visible))" },
    ],
});
