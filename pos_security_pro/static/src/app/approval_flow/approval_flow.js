import { patch } from "@web/core/utils/patch";
import { ApprovalFlow } from "@pos_loss_prevention_base/app/approval_flow/approval_flow";

// The actions this addon gates (other addons' approvals keep their own reason input).
export const SECURITY_ACTIONS = new Set([
    "discount",
    "price",
    "refund",
    "delete_line",
    "reduce_qty",
    "cancel_order",
    "split_bill",
    "transfer",
    "cash_in",
    "cash_out",
    "payment",
]);

/** The approver dialog offers the reason catalogue (pos.approval.reason) instead of free text. */
patch(ApprovalFlow.prototype, {
    getReasons(action) {
        const reasons = this.pos.models["pos.approval.reason"]?.getAll() || [];
        if (!SECURITY_ACTIONS.has(action) || !reasons.length) {
            return super.getReasons(...arguments);
        }
        return reasons
            .sort((a, b) => a.sequence - b.sequence)
            .map((reason) => ({ id: reason.id, name: reason.name, require_notes: reason.require_notes }));
    },
});
