import { patch } from "@web/core/utils/patch";
import { ApprovalFlow } from "@pos_loss_prevention_base/app/approval_flow/approval_flow";

/** The approver dialog offers the reason catalogue (pos.approval.reason) instead of free text. */
patch(ApprovalFlow.prototype, {
    getReasons(action) {
        const reasons = this.pos.models["pos.approval.reason"]?.getAll() || [];
        if (!reasons.length) {
            return super.getReasons(...arguments);
        }
        return reasons
            .sort((a, b) => a.sequence - b.sequence)
            .map((reason) => ({ id: reason.id, name: reason.name, require_notes: reason.require_notes }));
    },
});
