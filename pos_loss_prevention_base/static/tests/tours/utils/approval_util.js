/**
 * Tour steps for the suite's one approver dialog. The reason is free text, or, when a reason
 * catalogue is installed (pos_security_pro), the matching catalogue entry, else its last entry
 * ("Other") with the text as note: tours pass either way.
 */
export function fillApproval({ approver, reason, pin }) {
    return [
        {
            content: `approver: ${approver}`,
            trigger: ".o_lp_approver_dialog .o_lp_approver",
            run: `selectByLabel ${approver}`,
        },
        {
            content: `reason: ${reason}`,
            trigger: ".o_lp_approver_dialog .o_lp_pin",
            run: async function () {
                const dialog = this.anchor.closest(".o_lp_approver_dialog");
                const fire = (el, type) => el.dispatchEvent(new Event(type, { bubbles: true }));
                const select = dialog.querySelector("select.o_lp_reason");
                if (!select) {
                    const input = dialog.querySelector(".o_lp_reason_text");
                    input.value = reason;
                    fire(input, "input");
                    return;
                }
                const options = [...select.options].filter((option) => option.value);
                const match =
                    options.find((option) => option.textContent.includes(reason)) || options.at(-1);
                select.value = match.value;
                fire(select, "change");
                await new Promise((resolve) => setTimeout(resolve, 50));
                const notes = dialog.querySelector(".o_lp_notes");
                if (notes) {
                    notes.value = reason;
                    fire(notes, "input");
                }
            },
        },
        {
            content: "approver PIN",
            trigger: ".o_lp_approver_dialog .o_lp_pin",
            run: `edit ${pin}`,
        },
    ];
}

export function clickApprove(options = {}) {
    return { trigger: ".o_lp_approver_dialog .o_lp_approve", run: "click", ...options };
}
