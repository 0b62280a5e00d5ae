{
    "name": "POS Loss Prevention - Base",
    "summary": "Shared evidence log, server-side approval PINs and single-use approval tokens "
    "for the POS Loss Prevention suite",
    "version": "18.0.1.2.0",
    "category": "Sales/Point of Sale",
    "author": "POS Loss Prevention Suite",
    "website": "https://github.com/pos-loss-prevention/suite",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["point_of_sale", "pos_hr"],
    "data": [
        "security/ir.model.access.csv",
        "security/pos_loss_prevention_base_security.xml",
        "data/ir_config_parameter_data.xml",
        "views/hr_employee_views.xml",
        "views/pos_pin_attempt_log_views.xml",
        "views/pos_config_views.xml",
    ],
    "demo": [
        "demo/hr_employee_demo.xml",
        "demo/pos_config_demo.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "pos_loss_prevention_base/static/src/**/*",
        ],
        "web.assets_tests": [
            "pos_loss_prevention_base/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
