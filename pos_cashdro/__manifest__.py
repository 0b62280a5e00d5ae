{
    "name": "POS CashDro",
    "summary": "CashDro automated cash terminal as a POS payment method",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "author": "POS Loss Prevention Suite",
    "website": "https://github.com/pos-loss-prevention/suite",
    "license": "LGPL-3",
    "depends": ["pos_loss_prevention_base"],
    "data": [],
    "installable": True,
}
