import { patch } from "@web/core/utils/patch";
import { ApprovalFlow } from "@pos_loss_prevention_base/app/approval_flow/approval_flow";

// The actions whose evidence is this addon's Approval Log, read from the base's action registry
// (pos.lp.action, loaded with the POS data): other addons' approvals keep their own reason input.
const LOG_MODEL = "pos.approval.log";

/** The approver dialog offers the reason catalogue (pos.approval.reason) instead of free text. */
patch(ApprovalFlow.prototype, {
    getReasons(action) {
        const reasons = this.pos.models["pos.approval.reason"]?.getAll() || [];
        const declared = this.pos.models["pos.lp.action"]?.find((record) => record.code === action);
        if (declared?.evidence_model !== LOG_MODEL || !reasons.length) {
            return super.getReasons(...arguments);
        }
        return reasons
            .sort((a, b) => a.sequence - b.sequence)
            .map((reason) => ({ id: reason.id, name: reason.name, require_notes: reason.require_notes }));
    },
});
