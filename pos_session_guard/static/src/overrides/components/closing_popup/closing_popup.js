import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { ClosePosPopup } from "@point_of_sale/app/navbar/closing_popup/closing_popup";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { makeAwaitable } from "@point_of_sale/app/store/make_awaitable_dialog";
import { TextInputPopup } from "@point_of_sale/app/utils/input_popups/text_input_popup";
import { requestApproval } from "@pos_loss_prevention_base/app/approval_flow/approval_flow";
import { GuardBlockedDialog } from "@pos_session_guard/app/guard_blocked_dialog/guard_blocked_dialog";

const OVERRIDE_ACTION = "session_close_override";

// get_closing_control_data sends the guard's settings under `lp_guard`.
patch(ClosePosPopup, {
    props: [...ClosePosPopup.props, "lp_guard?"],
});

patch(ClosePosPopup.prototype, {
    get guard() {
        return this.props.lp_guard?.enabled ? this.props.lp_guard : null;
    },

    /** Core counts the first cash method only: every other one gets its own count (and row). */
    getInitialState() {
        const state = super.getInitialState(...arguments);
        if (this.guard) {
            for (const pm of this.props.non_cash_payment_methods) {
                if (pm.lp_cash) {
                    state.payments[pm.id] = { counted: "0" };
                }
            }
        }
        return state;
    },

    guardCashCountPairs() {
        return this.props.non_cash_payment_methods
            .filter((pm) => pm.lp_cash)
            .map((pm) => [pm.id, parseFloat(this.state.payments[pm.id].counted)]);
    },

    /** The "copy expected amount" button would hand the expected figure to any cashier. */
    get guardAllowsAutofill() {
        const guard = this.guard;
        if (!guard) {
            return true;
        }
        if (guard.employee_login) {
            return guard.override_employee_ids.includes(this.pos.get_cashier()?.id);
        }
        return guard.user_can_override;
    },

    autoFillCashCount() {
        if (!this.guardAllowsAutofill) {
            return;
        }
        return super.autoFillCashCount(...arguments);
    },

    guardCountedCash() {
        return parseFloat(this.state.payments[this.props.default_cash_details.id].counted);
    },

    guardBankDiffPairs() {
        return this.props.non_cash_payment_methods
            .filter((pm) => pm.type === "bank" && pm.number !== 0)
            .map((pm) => [pm.id, this.getDifference(pm.id)]);
    },

    async confirm() {
        if (!this.guard) {
            return super.confirm(...arguments);
        }
        // The server decides, with its own figures; this call also keeps the evidence.
        const evaluation = await this.pos.data.call("pos.session", "guard_evaluate", [
            [this.pos.session.id],
            this.guardCountedCash(),
            this.guardBankDiffPairs(),
            this.guardCashCountPairs(),
        ]);
        if (!evaluation.blocked) {
            return super.confirm(...arguments);
        }
        this.dialog.add(GuardBlockedDialog, {
            evaluation,
            formatCurrency: (amount) => this.env.utils.formatCurrency(amount),
            onOverride: () => this.guardOverride(evaluation),
        });
    },

    async guardOverride(evaluation) {
        const fmt = (amount) => this.env.utils.formatCurrency(amount);
        let approval;
        if (evaluation.user_can_override) {
            const reason = await makeAwaitable(this.dialog, TextInputPopup, {
                title: _t("Reason for closing with a difference"),
                rows: 3,
            });
            approval = reason?.trim() ? { token: false, reason: reason.trim() } : null;
        } else {
            approval = await requestApproval(this.pos, {
                action: OVERRIDE_ACTION,
                value: evaluation.counted,
                title: _t("Approve Cash Difference"),
                lines: [
                    { label: _t("Expected cash"), value: fmt(evaluation.expected) },
                    { label: _t("Counted cash"), value: fmt(evaluation.counted) },
                    {
                        label: _t("Difference"),
                        value: (evaluation.difference > 0 ? "+" : "") + fmt(evaluation.difference),
                        className: "text-danger",
                    },
                ],
            });
        }
        if (!approval) {
            return;
        }
        const result = await this.pos.data.call("pos.session", "guard_register_override", [
            [this.pos.session.id],
            // The default drawer's count; the approval itself is for every drawer's (evaluation.counted).
            this.guardCountedCash(),
            this.guardBankDiffPairs(),
            approval.token,
            [approval.reason, approval.notes].filter(Boolean).join(" - "),
            this.guardCashCountPairs(),
        ]);
        if (!result.ok) {
            this.dialog.add(AlertDialog, { title: _t("Not approved"), body: result.message });
            return;
        }
        return this.closeSession();
    },
});
