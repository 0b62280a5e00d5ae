import { patch } from "@web/core/utils/patch";
import { LoginScreen } from "@point_of_sale/app/screens/login_screen/login_screen";
import { useServerCashierSelector } from "@pos_security_pro/app/server_cashier_selector/server_cashier_selector";

// Registered after pos_hr's selector: this exclusive badge handler replaces pos_hr's one.
patch(LoginScreen.prototype, {
    setup() {
        super.setup(...arguments);
        if (this.pos.config.module_pos_hr) {
            this.cashierSelector = useServerCashierSelector({
                onScan: (employee) => employee && this.selectOneCashier(employee),
                exclusive: true,
            });
        }
    },
});
