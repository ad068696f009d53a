"""The `qingdan` command of an installed package: the compiled command-line tool shipped in
qingdan/bin, started in place of this process.

Importing the package has pointed QINGDAN_OPENCC_CONFIG at the OpenCC data shipped in
qingdan/opencc (unless it was set already), and the tool inherits it.
"""

import os
import sys

import qingdan


def main() -> None:
    for folder in qingdan.__path__:
        tool = os.path.join(os.path.abspath(folder), "bin", "qingdan")
        if os.access(tool, os.X_OK):
            os.execv(tool, [sys.argv[0], *sys.argv[1:]])
    sys.stderr.write("qingdan: the command-line tool is missing from this package\n")
    sys.exit(127)


if __name__ == "__main__":
    main()
