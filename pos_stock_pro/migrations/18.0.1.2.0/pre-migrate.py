"""18.0.1.2.0: the reorder digest became per warehouse, with shortfall-only rows and the suggested quantity.

Its mail template is noupdate data: let this upgrade load the new body once (it is noupdate again after).
"""


def migrate(cr, version):
    cr.execute(
        "UPDATE ir_model_data SET noupdate = false WHERE module = 'pos_stock_pro' "
        "AND name = 'mail_template_pos_stock_reorder_digest'")
