#!/usr/bin/env python
from peerpath.cli import main

if __name__ == "__main__":
    main()
