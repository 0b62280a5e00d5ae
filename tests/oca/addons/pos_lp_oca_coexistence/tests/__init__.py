from . import test_remove_line_button
