{
    "name": "POS Stock Pro",
    "summary": "Live stock badges, real-time stock push, oversell gate with supervisor override, shortfall ledger",
    "version": "18.0.1.2.0",
    "category": "Sales/Point of Sale",
    "author": "POS Loss Prevention Suite",
    "website": "https://github.com/pos-loss-prevention/suite",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["pos_loss_prevention_base", "stock"],
    "data": [
        "security/ir.model.access.csv",
        "security/pos_stock_pro_security.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "data/pos_lp_action_data.xml",
        "views/pos_stock_override_log_views.xml",
        "views/product_template_views.xml",
        "views/pos_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/res_config_settings_low_warning_views.xml",

        "views/stock_warehouse_views.xml",
    ],
    "demo": [
        "demo/pos_stock_pro_demo.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "pos_stock_pro/static/src/**/*",
        ],
        "web.assets_tests": [
            "pos_stock_pro/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
