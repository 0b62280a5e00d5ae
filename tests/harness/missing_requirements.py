"""Print the lines of a requirements file whose distribution is not installed.

Why: `pip install -r requirements.txt` on every run is slow, and on a packaged Odoo (deb, docker
image) it would replace Odoo's own lxml/Werkzeug/psycopg2 with our pins. Installing only what is
absent keeps runs fast and never changes a version Odoo already runs with.

Usage: python missing_requirements.py requirements.txt   (one requirement per output line)
"""

import sys
from importlib import metadata

try:
    from packaging.requirements import InvalidRequirement, Requirement
except ImportError:  # pip always vendors packaging
    from pip._vendor.packaging.requirements import InvalidRequirement, Requirement


def missing(path):
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.split("#", 1)[0].strip()
            if not line or line.startswith("-"):
                continue
            try:
                req = Requirement(line)
            except InvalidRequirement:
                continue
            if req.marker and not req.marker.evaluate():
                continue
            try:
                metadata.distribution(req.name)
            except metadata.PackageNotFoundError:
                yield line


if __name__ == "__main__":
    for requirement in missing(sys.argv[1]):
        print(requirement)
