import sys

from erfakit.cli import main

sys.exit(main())
